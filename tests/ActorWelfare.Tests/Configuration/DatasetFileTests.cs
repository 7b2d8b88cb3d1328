using ActorWelfare.Activities;
using ActorWelfare.Silo.Datasets;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Territories;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

public sealed class DatasetFileTests
{
    private static readonly IReadOnlyDictionary<string, Territory> Territories =
        TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"));

    [Fact]
    public void Bologna_2019_holds_the_tavoli_and_gruppi_the_report_names_in_their_quartieri()
    {
        var path = Path.Combine(RepoPaths.Root, "deploy", "datasets", "bologna-2019.json");
        var dataset = DatasetFile.Parse(File.ReadAllText(path), path, Territories);

        Assert.Equal(15, dataset.Activities.Count(a => a.Kind == ActivityKind.Tavolo));
        Assert.Equal(12, dataset.Activities.Count(a => a.Kind == ActivityKind.Gruppo));
        Assert.All(dataset.Activities, a => Assert.True(a.Real));
        Assert.Equal(5, dataset.Activities.Count(a => a.Kind == ActivityKind.Tavolo && a.Quartiere == "san-donato-san-vitale"));
        Assert.Contains(dataset.Activities, a => a is { Name: "Tavolo Bolognina", Quartiere: "navile" });
    }

    private static string Dataset(string activity, string city = "bologna") =>
        $$"""{"dataset":"t","city":"{{city}}","year":2019,"provenance":"test","activities":[{{activity}}]}""";

    [Theory]
    [InlineData("""{"kind":"tavolo","id":"t-1","name":"T","quartiere":"atlantide","real":false}""", "activities[0].quartiere: 'atlantide'")]
    [InlineData("""{"kind":"tavolo","id":"T 1","name":"T","quartiere":"navile","real":false}""", "activities[0].id: 'T 1'")]
    [InlineData("""{"kind":"tavolo","id":"t-1","name":"T","quartiere":"navile","real":false},{"kind":"tavolo","id":"t-1","name":"T","quartiere":"navile","real":false}""", "activities[1].id: 't-1' appears twice")]
    [InlineData("""{"kind":"assemblea","id":"t-1","name":"T","quartiere":"navile","real":false}""", "$.activities[0].kind")]
    [InlineData("""{"kind":"tavolo","id":"t-1","name":"T","quartiere":"navile","real":false,"budget":3}""", "budget")]
    public void A_bad_dataset_is_refused_with_the_field_and_rule_named(string activity, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => DatasetFile.Parse(Dataset(activity), "t.json", Territories));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_dataset_for_a_city_without_territory_is_refused() =>
        Assert.Contains("city: 'atlantide' has no territory file",
            Assert.Throws<InvalidDataException>(() => DatasetFile.Parse(
                Dataset("""{"kind":"tavolo","id":"t-1","name":"T","quartiere":"navile","real":false}""", "atlantide"), "t.json", Territories)).Message);
}
