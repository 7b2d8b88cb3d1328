using ActorWelfare.Activities;
using ActorWelfare.Organisations;
using ActorWelfare.Territories;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>
/// Random but reproducible command sequences over a small set of activities: mostly valid commands on
/// the current version, some stale versions and some invalid values. The years cross a territory's
/// reorganisation (Bologna's nine quartieri became six in 2016): activities are registered and moved in
/// the quartieri of their years, some with a profile per year, and some changes name a quartiere of
/// another time (refused).
/// </summary>
public sealed class RandomCommands(int seed, Territory territory)
{
    public static readonly int[] Years = [2014, 2015, 2016, 2017, 2018];

    /// <summary>Every year the commands can reach: an ongoing activity counts up to the year after today's.</summary>
    public static IEnumerable<int> AllYears => Enumerable.Range(Years[0], DateTime.UtcNow.Year + 2 - Years[0]);
    private readonly Random random = new(seed);
    private Taxonomies Tax => territory.Taxonomies;

    public IReadOnlyList<Organisation> Organisations { get; } =
        [.. Enumerable.Range(1, 12).Select(i => new Organisation($"org-{i}", $"Organizzazione {i}", i % 3 == 0 ? "fondazione" : "associazione"))];

    public (ActivityKind Kind, string Id) PickActivity()
    {
        var kind = (ActivityKind)random.Next(3);
        return (kind, $"{kind.ToString().ToLowerInvariant()}-{random.Next(5)}");
    }

    /// <summary>A command for an activity as it is now, and the version to send with it.</summary>
    public (ActivityCommand Command, long Version) Next(ActivityRecord current)
    {
        var version = random.Next(12) == 0 ? Math.Max(0, current.Version - 1 - random.Next(2)) : current.Version; // some stale
        if (!current.Exists) return (Register(current.Kind), version);
        // A year of the activity's span, now and then one outside it (refused).
        var year = random.Next(8) == 0 ? Pick(Years) : Pick(Years.Where(y => ActivityRulesSpan(current.Profile, y)).DefaultIfEmpty(current.Profile.StartYear).ToList());
        // Dated changes: mostly from a year on (sometimes one outside the span), sometimes the whole span.
        int? from = random.Next(5) switch
        {
            0 => null,
            1 => Pick(Years),
            _ => Pick(Years.Where(y => ActivityRulesSpan(current.Profile, y)).DefaultIfEmpty(current.Profile.StartYear).ToList()),
        };
        ActivityCommand command = random.Next(12) switch
        {
            0 => new EditProfile(Profile(current.Kind)),
            1 or 2 => current.Kind == ActivityKind.Progetto ? new UpdateYearFigures(year, Figures(current.Kind))
                : random.Next(2) == 0 ? new RecordMeeting(year, 1 + random.Next(3)) : new RecordEvent(Meeting(current.Kind, year)),
            3 or 4 => new UpdateYearFigures(year, Figures(current.Kind)),
            5 => new AddOrganisation(new OrganisationLink(Pick(Organisations).Id, [Pick(Tax.OrganisationFunctions).Id]), from),
            6 => new RemoveOrganisation(Pick(Organisations).Id, from),
            7 => new ChangeStatus(Pick(Tax.Statuses).Id, from),
            8 => Move(from ?? current.Profile.StartYear),
            9 => new EditProfile(Profile(current.Kind) with { StartYear = current.Profile.StartYear, EndYear = current.Profile.EndYear }, from,
                random.Next(3) == 0 && from is { } f ? f + random.Next(2) : null),
            10 => new SaveActivity(Profile(current.Kind) with { StartYear = current.Profile.StartYear, EndYear = current.Profile.EndYear },
                year, Figures(current.Kind), from),
            _ => random.Next(4) switch
            {
                0 => new DeleteActivity(),
                1 => new RecordMeeting(year),
                // One of the year's meetings (now and then one that is not there, refused), or one changed.
                2 => new RemoveEvent(year, Pick((current.FiguresFor(year).Events ?? []).Select(e => e.Id).Append("m9").ToList())),
                _ => new RecordEvent(Meeting(current.Kind, year) with { Id = Pick((current.FiguresFor(year).Events ?? []).Select(e => e.Id).Append("").ToList()) }),
            },
        };
        return (command, version);
    }

    private static bool ActivityRulesSpan(ActivityProfile p, int year) => year >= p.StartYear && (p.EndYear is null || year <= p.EndYear);

    /// <summary>A new activity; now and then one that changed quartieri across the reorganisation, said year by year.</summary>
    private RegisterActivity Register(ActivityKind kind)
    {
        var profile = Profile(kind);
        if (random.Next(4) != 0 || profile.EndYear is not null) return new RegisterActivity(profile);
        // An activity running across the reorganisation: the quartieri of its time in its first years.
        var start = Pick(Years.Where(y => territory.QuartieriIn(y).Any(q => q.Until is not null)).DefaultIfEmpty(Years[0]).ToList());
        var early = Place(start);
        var byYear = Enumerable.Range(start, Math.Max(0, (territory.QuartieriIn(start).Min(q => q.Until) ?? start - 1) - start + 1))
            .ToDictionary(y => y, _ => profile with { Quartieri = early.Quartieri, Zones = early.Zones });
        return new RegisterActivity(profile with { StartYear = start }, byYear);
    }

    /// <summary>Quartieri (and some of their zones) that existed in a year; now and then one of another time, which must be refused.</summary>
    private (IReadOnlyList<string> Quartieri, IReadOnlyList<string> Zones) Place(int year)
    {
        var quartieri = Some(random.Next(20) == 0 ? [.. territory.AllQuartieri] : territory.QuartieriIn(year), 1, 2);
        return ([.. quartieri.Select(q => q.Id)], [.. Some(quartieri.SelectMany(q => q.Zones).ToList(), 0, 2).Select(z => z.Id)]);
    }

    private MoveToQuartieri Move(int from)
    {
        var (quartieri, zones) = Place(from);
        return new MoveToQuartieri(quartieri, zones, from);
    }

    private ActivityProfile Profile(ActivityKind kind)
    {
        var start = Pick(Years);
        var (quartieri, zones) = Place(start);
        // Quartieri that ended (Bologna's nine before 2016) bound the activity's last year, mostly.
        var until = quartieri.Select(id => territory.FindQuartiere(id)?.Until).Where(u => u is not null).Min();
        var p = new ActivityProfile
        {
            Name = $"Attività {random.Next(1000)}",
            Quartieri = quartieri,
            Zones = zones,
            StartYear = start,
            EndYear = until is { } last && random.Next(6) != 0 ? Math.Max(start, last - random.Next(2))
                : random.Next(3) == 0 ? start + random.Next(3) : null,
            Status = Pick(Tax.Statuses).Id,
            ExcludedFromAggregates = random.Next(15) == 0,
            Organisations = random.Next(4) == 0 ? null : [.. Some(Organisations, 0, 4).Select(o => new OrganisationLink(o.Id, [.. Some(Tax.OrganisationFunctions, 0, 3).Select(f => f.Id)]))],
        };
        if (kind == ActivityKind.Progetto)
        {
            var pdz = Maybe(() => random.Next(2) == 0);
            return p with
            {
                PromoterLevel = Maybe(() => Pick(Tax.PromoterLevels).Id),
                FromPdzLab = pdz,
                NeedArea = pdz == true ? Maybe(() => Pick(Tax.NeedAreas).Id) : null,
                Reach = Maybe(() => Pick(Tax.Reach).Id),
                PromoterRoles = Ids(Tax.PromoterRoles),
                Activities = Ids(Tax.Activities),
                Target = Maybe(() => Pick(Tax.Targets).Id),
                AccessMode = Maybe(() => Pick(Tax.AccessModes).Id),
                SstFunctions = Ids(Tax.SstFunctions),
            };
        }
        return p with { Coordination = Maybe(() => Pick(Tax.CoordinationKinds).Id), Themes = Ids(Tax.Themes), Purposes = Ids(Tax.Purposes) };
    }

    private YearFigures Figures(ActivityKind kind)
    {
        int? Count(int max) => random.Next(4) == 0 ? null : random.Next(max);
        var invalid = random.Next(15) == 0; // now and then a negative count, which must be refused
        if (kind == ActivityKind.Progetto)
        {
            var total = Count(400);
            return new YearFigures
            {
                Beneficiaries = invalid ? -1 : total,
                BeneficiariesInCarico = total is { } t && random.Next(2) == 0 ? random.Next(t + 1) : null,
                Volunteers = Count(30), OrganisationOperators = Count(10),
                Operators = random.Next(3) == 0 ? null : Some(Tax.Offices, 0, 3).ToDictionary(o => o.Id, _ => random.Next(6)),
                Funders = Ids(Tax.Funders), FundingClass = Maybe(() => Pick(Tax.FundingClasses).Id),
            };
        }
        return new YearFigures
        {
            Meetings = invalid ? -2 : Count(20),
            Citizens = kind == ActivityKind.Gruppo ? Count(60) : null,
            Operators = random.Next(3) == 0 ? null : Some(Tax.Offices, 0, 3).ToDictionary(o => o.Id, _ => random.Next(6)),
        };
    }

    /// <summary>A meeting of a year (now and then dated in another year, ending before it starts or with citizens at a tavolo: refused).</summary>
    private MeetingEvent Meeting(ActivityKind kind, int year)
    {
        var start = new TimeOnly(9 + random.Next(10), 0);
        return new MeetingEvent
        {
            Date = new DateOnly(random.Next(15) == 0 ? year + 1 : year, 1 + random.Next(12), 1 + random.Next(28)),
            Start = start, End = random.Next(15) == 0 ? start.AddHours(-1) : start.AddHours(2),
            Citizens = kind == ActivityKind.Gruppo || random.Next(15) == 0 ? random.Next(30) : null,
            Operators = random.Next(2) == 0 ? null : Some(Tax.Offices, 1, 2).ToDictionary(o => o.Id, _ => random.Next(5)),
        };
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    private List<T> Some<T>(IReadOnlyList<T> items, int min, int max) =>
        [.. items.OrderBy(_ => random.Next()).Take(Math.Min(items.Count, min + random.Next(max - min + 1)))];
    private IReadOnlyList<string>? Ids(IReadOnlyList<Term> terms) => random.Next(4) == 0 ? null : [.. Some(terms, 0, 3).Select(t => t.Id)];
    private T? Maybe<T>(Func<T> value) => random.Next(4) == 0 ? default : value();
}
