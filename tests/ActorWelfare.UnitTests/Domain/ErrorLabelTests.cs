using System.Text.RegularExpressions;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// People read a field's label, not its code: every error the domain's rules give starts with the
/// field's label in Italian and English ("Nome: campo obbligatorio."), and keeps the code for programs.
/// </summary>
public sealed class ErrorLabelTests
{
    private static readonly IReadOnlyDictionary<string, Territory> Cities =
        TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"));
    private static Territory Bologna => Cities["bologna"];
    private static Territory Crema => Cities["crema"];

    private static readonly ActivityProfile Tavolo = new() { Name = "Tavolo", Quartieri = ["navile"], StartYear = 2018, EndYear = 2019, Status = "attivo" };
    private static readonly ActivityProfile Progetto = Tavolo with { Name = "Progetto" };

    /// <summary>Commands that break every rule of the profile and the figures, for both kinds.</summary>
    private static IEnumerable<ValidationError> EveryRuleBroken()
    {
        var tavolo = Record(ActivityKind.Tavolo, Tavolo);
        var progetto = Record(ActivityKind.Progetto, Progetto);
        string[] tooMany = [.. Enumerable.Range(0, ActivityRules.MaxList + 1).Select(i => $"x-{i}")];
        var badProfile = Tavolo with
        {
            Name = "", Description = new string('x', ActivityRules.MaxDescription + 1), Quartieri = ["navile", "navile", "atlantide"],
            Zones = ["lame", "lame", "pilastro", "zona-x"], StartYear = 1900, EndYear = 3000, Status = "in-pausa",
            PromoterLevel = "x", FromPdzLab = true, NeedArea = "x", Reach = "x", PromoterRoles = ["x", "x"], Activities = tooMany,
            Target = "x", AccessMode = "x", SstFunctions = ["x"],
            Organisations = [new("", []), new("ghost", ["x"]), new("ghost", [])],
        };
        IEnumerable<(ActivityRecord Record, ActivityCommand Command)> commands =
        [
            (New(ActivityKind.Tavolo), new RegisterActivity(null!)),
            (New(ActivityKind.Tavolo), new RegisterActivity(badProfile)),
            (New(ActivityKind.Progetto), new RegisterActivity(Progetto with
            {
                Name = "a\u0007b", Description = "\u001b", Coordination = "x", Themes = ["x"], Purposes = ["x"], NeedArea = "bisogni-primari",
                EndYear = 2010, Organisations = [.. Enumerable.Range(0, 501).Select(i => new OrganisationLink($"o-{i}", []))],
            })),
            (New(ActivityKind.Progetto), new RegisterActivity(Progetto with { Name = new string('x', ActivityRules.MaxName + 1), Quartieri = [] })),
            (tavolo, new RegisterActivity(Tavolo)),
            (New(ActivityKind.Tavolo), new ChangeStatus("attivo")),
            (tavolo with { Years = new Dictionary<int, YearFigures> { [2018] = new() } }, new EditProfile(Tavolo with { StartYear = 2019 })),
            (progetto, new RecordMeeting(2031, 0)),
            (tavolo, new RecordMeeting(2019, 1001)),
            (tavolo with { Years = new Dictionary<int, YearFigures> { [2019] = new() { Meetings = ActivityRules.MaxCount } } }, new RecordMeeting(2019)),
            (tavolo, new RecordEvent(new MeetingEvent
            {
                Date = new DateOnly(2019, 3, 1), Start = new TimeOnly(10, 0), End = new TimeOnly(9, 0), PlaceId = "x", Organisations = ["x"], Citizens = 1,
                Operators = new Dictionary<string, int> { ["x"] = 1 }, NextDate = new DateOnly(2019, 2, 1), Place = new string('x', 201), NextPlace = new string('x', 201),
                Decisions = new string('x', MeetingEventCheck.MaxDecisions + 1),
            })),
            (tavolo, new RemoveEvent(2019, "m1")),
            (tavolo, new RecordEvent(null!)),
            (tavolo, new UpdateYearFigures(2019, null!)),
            (tavolo, new UpdateYearFigures(2019, new()
            {
                Meetings = -1, Beneficiaries = 1, Citizens = 1, Funders = ["x"], FundingClass = "x",
                Operators = new Dictionary<string, int> { ["sst"] = -1, ["ufficio-x"] = 1 },
            })),
            (progetto, new UpdateYearFigures(2019, new()
            {
                Beneficiaries = ActivityRules.MaxCount + 1, BeneficiariesInCarico = ActivityRules.MaxCount + 2, Volunteers = -1,
                OrganisationOperators = -1, Funders = ["x", "x"], FundingClass = "x",
            })),
            (progetto, new UpdateYearFigures(2019, new() { Beneficiaries = 2, BeneficiariesInCarico = 3 })),
            (tavolo, new ChangeStatus("in-pausa")),
            (tavolo, new MoveToQuartieri(["navile"], ["pilastro"])),
            (tavolo, new ChangeKind(ActivityKind.Tavolo)),
        ];
        var errors = commands.SelectMany(c => ActivityRules.Validate(c.Record, c.Command, c.Record.Version, Bologna, _ => null)).ToList();
        errors.Add(ActivityRules.Validate(tavolo, new ChangeStatus("concluso"), 7, Bologna, _ => null).Single());
        errors.AddRange([
            Errors.NotAWriter(), Errors.NotAssigned("navile", Bologna), Errors.YearClosed(2019), Errors.YearAlreadyOpen(2019),
            Errors.NotAnAnalyst("bologna"), Errors.NotAnAdministrator("bologna"), Errors.NotInCity("crema"), Errors.SignInRequired(), Errors.Unknown("city", "atlantide"),
            Errors.Unknown("label", "x"), Errors.Required("reason"), Errors.TooLong("reason", 1000), Errors.Unknown("type", "club"),
        ]);
        return errors;
    }

    [Fact]
    public void Every_error_starts_with_its_fields_label_and_keeps_the_code()
    {
        var errors = EveryRuleBroken().ToList();

        var fields = errors.Select(e => e.Field).ToHashSet();
        Assert.True(fields.Count >= 40, $"only {fields.Count} fields were exercised: {string.Join(", ", fields.Order())}");
        foreach (var e in errors)
        {
            Assert.True(FieldLabels.IsKnown(e.Field), $"no label for the field code '{e.Field}'");
            var label = FieldLabels.Of(e.Field, Bologna);
            Assert.StartsWith(label.It + ": ", e.MessageIt);
            Assert.StartsWith(label.En + ": ", e.MessageEn);
            Assert.NotEqual(e.Field, label.It);
        }
    }

    [Fact]
    public void Every_field_code_written_in_the_grains_has_a_label()
    {
        // A rule added later names its field in the call; its label must exist before anyone reads the message.
        var call = new Regex("""Errors\.(?:Of|Required|TooLong|ControlCharacters|Negative|TooLarge|Unknown|Duplicate|NotApplicable|YearOutsideSpan|YearRange)\("([^"]+)" """.TrimEnd());
        var codes = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "grains"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(p => call.Matches(File.ReadAllText(p)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        Assert.Contains("name", codes);
        Assert.All(codes, code => Assert.True(FieldLabels.IsKnown(code), $"no label for the field code '{code}'"));
    }

    [Fact]
    public void No_two_fields_share_a_label_in_any_city()
    {
        foreach (var city in new[] { Bologna, Crema })
        {
            var labels = FieldLabels.Codes.Select(code => (code, label: FieldLabels.Of(code, city))).ToList();
            foreach (var language in new Func<LocalizedText, string>[] { l => l.It, l => l.En })
            {
                var shared = labels.GroupBy(l => language(l.label), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
                    .Select(g => $"{g.Key}: {string.Join(", ", g.Select(l => l.code))}").ToList();
                Assert.True(shared.Count == 0, $"{city.Id}: " + string.Join("; ", shared));
            }
        }
    }

    [Fact]
    public void The_district_field_is_named_with_the_citys_own_term_and_offices_by_their_names()
    {
        var noPlace = Tavolo with { Quartieri = [] };
        var bologna = ActivityRules.Validate(New(ActivityKind.Tavolo), new RegisterActivity(noPlace), 0, Bologna, _ => null).Single();
        var crema = ActivityRules.Validate(New(ActivityKind.Tavolo), new RegisterActivity(noPlace), 0, Crema, _ => null).Single();

        Assert.Equal(("quartieri", "Quartieri: campo obbligatorio.", "Districts: is required."), (bologna.Field, bologna.MessageIt, bologna.MessageEn));
        Assert.Equal(("quartieri", "Zone: campo obbligatorio.", "Zones: is required."), (crema.Field, crema.MessageIt, crema.MessageEn));

        var staff = ActivityRules.Validate(Record(ActivityKind.Tavolo, Tavolo),
            new UpdateYearFigures(2019, new() { Operators = new Dictionary<string, int> { ["reti"] = -1 } }), 1, Bologna, _ => null).Single();
        var office = Bologna.Taxonomies.Offices.Single(o => o.Id == "reti");
        Assert.Equal("operators.reti", staff.Field);
        Assert.StartsWith($"Operatori pubblici ({office.It}): ", staff.MessageIt);
        Assert.StartsWith($"Public staff ({office.En}): ", staff.MessageEn);

        var notYours = Errors.NotAssigned("navile", Bologna);
        Assert.Contains("«Navile»", notYours.MessageIt);
    }

    private static ActivityRecord New(ActivityKind kind) => new() { City = "bologna", Kind = kind, Id = "a-1" };

    private static ActivityRecord Record(ActivityKind kind, ActivityProfile profile) => New(kind) with { Profile = profile, Version = 1 };
}
