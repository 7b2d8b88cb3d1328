using ActorWelfare.Activities;
using ActorWelfare.Silo.Datasets;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

public sealed class DatasetFileTests
{
    private static DatasetFile Shipped(string name)
    {
        var path = Path.Combine(RepoPaths.Root, "deploy", "datasets", name + ".json");
        return DatasetFile.Parse(File.ReadAllText(path), path, InProcessCluster.Territories);
    }

    [Fact]
    public void Bologna_2019_keeps_the_records_the_report_names_real_and_says_which_are_synthetic()
    {
        var dataset = Shipped("bologna-2019");

        Assert.Equal(100, dataset.Activities.Count(a => a.Kind == ActivityKind.Progetto));
        Assert.Equal(18, dataset.Activities.Count(a => a.Kind == ActivityKind.Tavolo));
        Assert.Equal(15, dataset.Activities.Count(a => a.Kind == ActivityKind.Tavolo && a.Real));
        Assert.All(dataset.Activities.Where(a => a.Kind == ActivityKind.Gruppo), g => Assert.True(g.Real));
        Assert.Equal(["vicinanza-solidale"], dataset.Activities.Where(a => a.Kind == ActivityKind.Progetto && a.Real).Select(a => a.Id));
        Assert.Contains(dataset.Activities, a => a.Profile is { Name: "Tavolo Bolognina" } && a.Profile.Quartieri.SequenceEqual(["navile"]));
        Assert.Contains("SYNTHETIC", dataset.Provenance);
        Assert.Contains("REAL", dataset.Provenance);
    }

    [Fact]
    public void Bologna_2018_parses_and_shares_the_continuing_projects_with_2019()
    {
        var y2018 = Shipped("bologna-2018");
        var y2019 = Shipped("bologna-2019");
        var shared = y2018.Activities.Select(a => a.Id).Intersect(y2019.Activities.Select(a => a.Id)).Count();
        Assert.Equal(82, shared);
    }

    private const string Org = """{"id":"odv-1","name":"Una ODV","type":"odv"}""";

    private static string Dataset(string activity, string organisations = Org) =>
        $$"""{"dataset":"t","city":"bologna","year":2019,"provenance":"test","organisations":[{{organisations}}],"activities":[{{activity}}]}""";

    private static string Progetto(string profileExtra = "", string years = "{}") =>
        $$"""{"kind":"progetto","id":"p-1","real":false,"profile":{"name":"P","quartieri":["navile"],"zones":[],"startYear":2019,"status":"attivo"{{profileExtra}}},"years":{{years}}}""";

    [Theory]
    [InlineData("""{"kind":"tavolo","id":"t-1","real":false,"profile":{"name":"T","quartieri":["atlantide"],"zones":[],"startYear":2019,"status":"attivo"},"years":{}}""", "Districts: 'atlantide' is not an accepted value. (field quartieri, rule unknown-id)")]
    [InlineData("""{"kind":"tavolo","id":"T 1","real":false,"profile":{"name":"T","quartieri":["navile"],"zones":[],"startYear":2019,"status":"attivo"},"years":{}}""", "activities[0].id: 'T 1' is not a kebab-case id")]
    [InlineData("""{"kind":"assemblea","id":"t-1","real":false,"profile":{},"years":{}}""", "$.activities[0].kind")]
    [InlineData("""{"kind":"tavolo","id":"t-1","real":false,"budget":3,"profile":{},"years":{}}""", "budget")]
    public void A_bad_record_is_refused_with_the_field_and_rule_named(string activity, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => DatasetFile.Parse(Dataset(activity), "t.json", InProcessCluster.Territories));
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("", """{"2019":{"beneficiaries":-4}}""", "years[2019]: Beneficiaries: must not be negative. (field beneficiaries, rule non-negative)")]
    [InlineData("", """{"2019":{"beneficiaries":10,"beneficiariesInCarico":11}}""", "(field beneficiariesInCarico, rule not-above-total)")]
    [InlineData("", """{"2017":{"beneficiaries":10}}""", "years[2017]: Year: year 2017 is outside the activity's span")]
    [InlineData(""","promoterLevel":"papa" """, "{}", "'papa' is not an accepted value. (field promoterLevel, rule unknown-id)")]
    [InlineData(""","organisations":[{"organisationId":"nessuno","functions":[]}]""", "{}", "organisation 'nessuno' is not in the city's registry")]
    [InlineData(""","coordination":"sst" """, "{}", "does not apply to a progetto. (field coordination, rule not-applicable)")]
    [InlineData("", """{"2019":{"operators":{"ufficio-fantasma":2}}}""", "'ufficio-fantasma' is not an accepted value. (field operators, rule unknown-id)")]
    public void A_bad_progetto_is_refused_with_the_field_and_rule_named(string profileExtra, string years, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() =>
            DatasetFile.Parse(Dataset(Progetto(profileExtra, years)), "t.json", InProcessCluster.Territories));
        Assert.Contains(expected, error.Message);
        Assert.Contains("activities[0] (p-1)", error.Message);
    }

    [Fact]
    public void An_organisation_of_unknown_type_is_refused() =>
        Assert.Contains("organisations[0].type: 'club-segreto' is not an organisation type",
            Assert.Throws<InvalidDataException>(() => DatasetFile.Parse(
                Dataset(Progetto(), """{"id":"x-1","name":"X","type":"club-segreto"}"""), "t.json", InProcessCluster.Territories)).Message);

    [Fact]
    public void A_dataset_for_a_city_without_territory_is_refused() =>
        Assert.Contains("city: 'atlantide' has no territory file",
            Assert.Throws<InvalidDataException>(() => DatasetFile.Parse(
                Dataset(Progetto()).Replace("\"bologna\"", "\"atlantide\""), "t.json", InProcessCluster.Territories)).Message);
}
