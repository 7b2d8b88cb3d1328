using ActorWelfare.Dashboard.Cities;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

/// <summary>A setting that names a city with no territory file stops the dashboard at start, naming the key.</summary>
public sealed class CityConfigurationTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Known_cities_and_every_city_pass()
    {
        Assert.Empty(CityConfiguration.Problems(Settings(("Access:OpenData", "bologna, crema"), ("Dashboard:City", "crema"),
            ("Cities:crema:CurrentYear", "2014")), InProcessCluster.Territories));
        Assert.Empty(CityConfiguration.Problems(Settings(("Access:OpenData", "*")), InProcessCluster.Territories));
    }

    [Fact]
    public void Every_unknown_city_is_named_with_its_key_at_once()
    {
        var settings = Settings(("Access:OpenData", "bologna,milano"), ("Dashboard:City", "atlantide"), ("Cities:cremona:CurrentYear", "2014"));
        var problems = CityConfiguration.Problems(settings, InProcessCluster.Territories);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Access:OpenData: 'milano' is not a configured city", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Dashboard:City: 'atlantide'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Cities:cremona: 'cremona'", StringComparison.Ordinal));
        var error = Assert.Throws<InvalidOperationException>(() => CityConfiguration.Check(settings, InProcessCluster.Territories));
        Assert.Contains("milano", error.Message);
    }
}
