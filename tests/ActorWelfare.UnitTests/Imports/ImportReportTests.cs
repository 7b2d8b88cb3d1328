using System.Globalization;
using System.Text;
using ActorWelfare.Activities;
using ActorWelfare.Imports;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Imports;

/// <summary>
/// The import's report without a cluster: the parsers and the domain's checks of a whole file, as the
/// import grain runs them. Every problem of every row comes back in one answer, format and domain alike.
/// </summary>
public sealed class ImportReportTests
{
    private static readonly Territory Bologna = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"))["bologna"];

    /// <summary>What the import grain answers for a file of activities none of which is stored yet.</summary>
    private static IReadOnlyList<ImportProblem> Report(ParsedImport parsed)
    {
        if (parsed.Document is not { } document) return ImportReport.Compose(parsed.Problems, []);
        var (_, problems) = ImportCheck.Review(document, Bologna, new Dictionary<string, string>(),
            a => new ActivityRecord { City = Bologna.Id, Kind = a.Kind, Id = a.Id }, caller: null);
        return ImportReport.Compose(parsed.Problems, problems);
    }

    private static IReadOnlyList<ImportProblem> Csv(string text) => Report(CsvImport.Parse(Encoding.UTF8.GetBytes(text), Bologna.Id));

    private static IReadOnlyList<ImportProblem> Json(string text) => Report(JsonImport.Parse(Encoding.UTF8.GetBytes(text)));

    private static List<(int Row, string Field, string Rule)> Where(IEnumerable<ImportProblem> problems) =>
        [.. problems.Select(p => (p.Row, p.Field, p.Rule))];

    [Fact]
    public void A_row_with_two_errors_reports_both()
    {
        var problems = Where(Csv("""
            kind,id,name,quartieri,startYear,endYear,status,year,meetings
            gruppo,g-buono,Buono,navile,2020,,attivo,2020,3
            gruppo,g-cattivo,Cattivo,navile,2022,2021,attivo,2022,-1
            """));

        Assert.Contains((3, "endYear", "not-before-start"), problems);
        Assert.Contains((3, "years.2022.meetings", "non-negative"), problems);
        Assert.DoesNotContain(problems, p => p.Row == 2);
    }

    [Fact]
    public void A_format_error_hides_no_other_problem_of_the_file()
    {
        var problems = Csv("""
            kind,id,name,quartieri,startYear,status,year,meetings,colore
            gruppo,g-anno,Anno,navile,duemila,attivo,2020,-1,rosso
            gruppo,g-virgolette,"Nome "rotto",navile,2020,attivo,2020,1,blu
            gruppo,g-altrove,Altrove,atlantide,2020,attivo,,,verde
            tavolo,t-conta,Conta,navile,2020,attivo,2020,molti,giallo
            gruppo,g-buono,Buono,navile,2020,attivo,2020,4,nero
            """);
        var found = Where(problems);

        Assert.Contains((1, "colore", "unknown-column"), found);
        Assert.Contains((2, "startYear", "whole-number"), found);
        Assert.Contains((2, "years.2020.meetings", "non-negative"), found);
        Assert.Contains((3, "csv", "quoting"), found);
        Assert.Contains((4, "quartieri", "unknown-id"), found);
        Assert.Contains((5, "meetings", "whole-number"), found);
        // The unreadable year is reported once, as unreadable: not again as out of range.
        Assert.Single(found, p => p.Row == 2 && p.Field == "startYear");
        Assert.DoesNotContain(found, p => p.Row == 6);
        Assert.Equal(found.OrderBy(p => p.Row), found);
    }

    [Fact]
    public void A_missing_required_column_is_reported_once_and_the_rows_are_still_checked()
    {
        var found = Where(Csv("""
            kind,id,quartieri,startYear,status
            gruppo,g-uno,navile,2020,attivo
            gruppo,g-due,atlantide,2020,attivo
            """));

        Assert.Contains((1, "name", CsvImport.MissingColumn), found);
        Assert.Single(found, p => p.Field == "name");
        Assert.Contains((3, "quartieri", "unknown-id"), found);
    }

    [Fact]
    public void Json_reports_wrong_types_unknown_fields_and_the_domains_rules_of_every_activity_together()
    {
        var found = Where(Json("""
            {
              "city": "bologna",
              "organisations": [ { "id": "odv-nuova", "name": "ODV nuova", "type": "sconosciuto" } ],
              "activities": [
                { "kind": "gruppo", "id": "g-tipo", "budget": 1,
                  "profile": { "name": "Tipo", "quartieri": ["navile"], "startYear": "2020", "status": "attivo" },
                  "years": { "2020": { "meetings": "tre", "citizens": -2 } } },
                { "kind": "gruppo", "id": "g-regole",
                  "profile": { "name": "", "quartieri": ["atlantide"], "startYear": 2020, "status": "attivo" },
                  "years": { "2020": { "meetings": -1 } } },
                { "kind": "assemblea", "id": "a-tipo", "profile": { "name": "A", "quartieri": ["navile"], "startYear": 2020, "status": "attivo" } }
              ]
            }
            """));

        Assert.Contains((0, "organisations[0].type", "organisationTypes"), found);
        Assert.Contains((1, "$.activities[0].budget", "unknown-field"), found);
        Assert.Contains((1, "$.activities[0].profile.startYear", "json"), found);
        Assert.Contains((1, "$.activities[0].years.2020.meetings", "json"), found);
        Assert.Contains((1, "years.2020.citizens", "non-negative"), found);
        Assert.DoesNotContain(found, p => p.Row == 1 && p.Field == "startYear");
        Assert.Contains((2, "name", "required"), found);
        Assert.Contains((2, "quartieri", "unknown-id"), found);
        Assert.Contains((2, "years.2020.meetings", "non-negative"), found);
        Assert.Contains((3, "$.activities[2].kind", "json"), found);
        Assert.Single(found, p => p.Row == 3);
    }

    [Fact]
    public void Broken_json_syntax_is_one_problem_at_the_place_the_reading_stopped()
    {
        var problem = Assert.Single(Json("""{"city":"bologna","activities":[{"kind":"gruppo","id":"g-1","profile":{"name":"""));
        Assert.Equal("json", problem.Rule);
        Assert.StartsWith("$.activities[0]", problem.Field);
        Assert.Equal(1, problem.Row);
    }

    [Fact]
    public void A_very_wrong_file_lists_the_first_problems_up_to_the_documented_cap_and_says_how_many_more()
    {
        var more = 250;
        var csv = new StringBuilder("kind,id,name,quartieri,startYear,status,year,meetings\n");
        for (var i = 0; i < ImportReport.MaxProblems + more; i++) csv.Append(CultureInfo.InvariantCulture, $"gruppo,g-{i},G {i},navile,2020,attivo,2020,x{i}\n");

        var problems = Csv(csv.ToString());

        Assert.Equal(ImportReport.MaxProblems + 1, problems.Count);
        Assert.All(problems.Take(ImportReport.MaxProblems), p => Assert.Equal("whole-number", p.Rule));
        Assert.Equal(Enumerable.Range(2, ImportReport.MaxProblems), problems.Take(ImportReport.MaxProblems).Select(p => p.Row));
        var last = problems[^1];
        Assert.Equal("max-problems", last.Rule);
        Assert.Contains($" {more} ", last.MessageEn);
        Assert.Contains(ImportReport.MaxProblems.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("it-IT")), last.MessageIt);
        Assert.Contains($"{ImportReport.MaxProblems.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} problems",
            File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "import.md")));
    }

    [Theory]
    [InlineData("CSV", "csv")]
    [InlineData("JSON", "json")]
    public void The_documented_examples_have_no_problem(string heading, string language)
    {
        var bytes = Encoding.UTF8.GetBytes(DocExamples.Import(heading, language));
        Assert.Empty(Report(language == "csv" ? CsvImport.Parse(bytes, Bologna.Id) : JsonImport.Parse(bytes)));
    }
}
