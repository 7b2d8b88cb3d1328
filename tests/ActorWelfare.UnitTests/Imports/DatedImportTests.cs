using System.Text;
using ActorWelfare.Activities;
using ActorWelfare.Imports;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Imports;

/// <summary>
/// Files give a profile per year (CSV: each year's row; JSON: "profileByYear"); a file's profile applies
/// to the years the file speaks for, and an old file without years still imports.
/// </summary>
public sealed class DatedImportTests
{
    private static readonly Territory Bologna = TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"))["bologna"];

    private const string Header = "kind,id,name,quartieri,startYear,status,coordination,themes,year,meetings";

    /// <summary>The records the file leaves, from what is stored (nothing when <paramref name="stored"/> is null), and the problems.</summary>
    private static (IReadOnlyDictionary<string, ActivityRecord> Records, List<ImportProblem> Problems) Import(ParsedImport parsed, ActivityRecord? stored = null)
    {
        Assert.Empty(parsed.Problems);
        var (steps, problems) = ImportCheck.Review(parsed.Document!, Bologna, new Dictionary<string, string>(),
            a => stored ?? new ActivityRecord { City = Bologna.Id, Kind = a.Kind, Id = a.Id }, caller: null);
        return (steps.ToDictionary(s => s.Activity.Id, s => s.Final), problems);
    }

    private static ParsedImport Csv(string text) => CsvImport.Parse(Encoding.UTF8.GetBytes(text), Bologna.Id);

    [Fact]
    public void Each_years_row_gives_that_years_profile_and_the_last_one_holds_after_it()
    {
        var (records, problems) = Import(Csv($"""
            {Header}
            tavolo,t-anni,Tavolo negli anni,navile,2018,attivo,sst,anziani,2018,4
            tavolo,t-anni,Tavolo negli anni,navile,2018,attivo,sst,anziani|adolescenti,2019,6
            """));
        Assert.Empty(problems);
        var r = records["t-anni"];
        Assert.Equal(["anziani"], r.ProfileFor(2018).Themes);
        Assert.Equal(["anziani", "adolescenti"], r.ProfileFor(2019).Themes);
        Assert.Equal(["anziani", "adolescenti"], r.ProfileFor(2024).Themes);
        Assert.Equal(6, r.FiguresFor(2019).Meetings);
    }

    [Fact]
    public void A_file_for_one_year_changes_that_year_of_a_stored_activity_and_no_other()
    {
        var stored = new ActivityRecord
        {
            City = "bologna", Kind = ActivityKind.Tavolo, Id = "t-anni", Version = 3,
            Profile = new() { Name = "Tavolo negli anni", Quartieri = ["navile"], StartYear = 2018, Status = "attivo", Coordination = "sst", Themes = ["anziani"] },
        };
        var (records, problems) = Import(Csv($"""
            {Header}
            tavolo,t-anni,Tavolo negli anni,navile,2018,attivo,sst,abitare,2019,6
            """), stored);
        Assert.Empty(problems);
        var r = records["t-anni"];
        Assert.Equal(["anziani"], r.ProfileFor(2018).Themes);
        Assert.Equal(["abitare"], r.ProfileFor(2019).Themes);
        Assert.Equal(["anziani"], r.ProfileFor(2020).Themes);

        // An old file without years rewrites the whole span, as before.
        var (whole, _) = Import(Csv("kind,id,name,quartieri,startYear,status,coordination,themes\ntavolo,t-anni,Tavolo negli anni,navile,2018,attivo,sst,abitare\n"), stored);
        Assert.All(new[] { 2018, 2019, 2020 }, y => Assert.Equal(["abitare"], whole["t-anni"].ProfileFor(y).Themes));
    }

    [Fact]
    public void Rows_of_one_activity_must_agree_on_what_holds_for_every_year()
    {
        var parsed = Csv($"""
            {Header}
            tavolo,t-nome,Un nome,navile,2018,attivo,sst,anziani,2018,4
            tavolo,t-nome,Un altro nome,navile,2018,attivo,sst,anziani,2019,6
            """);
        Assert.Contains(parsed.Problems, p => p.Field == "id" && p.Rule == "same-profile" && p.Row == 3);
    }

    [Fact]
    public void Json_profile_by_year_records_a_tavolo_in_the_quartieri_before_the_reorganisation()
    {
        var parsed = JsonImport.Parse(Encoding.UTF8.GetBytes("""
            {"city":"bologna","activities":[{"kind":"tavolo","id":"t-vecchio","profile":{"name":"Tavolo dal 2014","quartieri":["porto-saragozza"],
              "startYear":2014,"status":"attivo","coordination":"sst"},
              "profileByYear":{"2014":{"quartieri":["porto","saragozza"]},"2015":{"quartieri":["porto","saragozza"]}},
              "years":{"2019":{"meetings":3}}}]}
            """));
        var (records, problems) = Import(parsed);
        Assert.Empty(problems);
        var r = records["t-vecchio"];
        Assert.Equal(["porto", "saragozza"], r.ProfileFor(2015).Quartieri);
        Assert.Equal(["porto-saragozza"], r.ProfileFor(2016).Quartieri);
        Assert.Equal("sst", r.ProfileFor(2014).Coordination);

        // Without the years before 2016 the file is refused, naming the quartiere, the year and the rule.
        var (_, refused) = Import(JsonImport.Parse(Encoding.UTF8.GetBytes("""
            {"city":"bologna","activities":[{"kind":"tavolo","id":"t-vecchio","profile":{"name":"Tavolo dal 2014","quartieri":["porto-saragozza"],
              "startYear":2014,"status":"attivo"},"years":{"2019":{"meetings":3}}}]}
            """)));
        var problem = Assert.Single(refused);
        Assert.Equal(("quartieri", "existed-that-year", 1), (problem.Field, problem.Rule, problem.Row));
        Assert.Contains("2014", problem.MessageEn);
    }

    [Fact]
    public void Json_profile_by_year_refuses_what_holds_for_every_year_and_what_is_not_a_year()
    {
        var parsed = JsonImport.Parse(Encoding.UTF8.GetBytes("""
            {"city":"bologna","activities":[{"kind":"gruppo","id":"g-1","profile":{"name":"G","quartieri":["navile"],"startYear":2018,"status":"attivo"},
              "profileByYear":{"2019":{"name":"Altro"},"l'anno scorso":{"status":"concluso"}}}]}
            """));
        Assert.Contains(parsed.Problems, p => p.Field == "$.activities[0].profileByYear.2019.name" && p.Rule == "every-year");
        Assert.Contains(parsed.Problems, p => p.Field == "$.activities[0].profileByYear.l'anno scorso" && p.Rule == "json");
    }
}
