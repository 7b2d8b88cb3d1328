using ActorWelfare.Dashboard.Cities;
using ActorWelfare.Territories;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

/// <summary>One notion of a city's current year, from configuration: every default of the pages reads it.</summary>
public sealed class CityCalendarTests
{
    private static readonly IReadOnlyDictionary<string, Territory> Cities =
        TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"));

    private static CityCalendar With(params (string Key, string Value)[] settings) => With(TimeProvider.System, settings);

    private static CityCalendar With(TimeProvider clock, params (string Key, string Value)[] settings) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(), Cities, clock);

    [Fact]
    public void The_default_city_is_configured_or_the_first_territory_file()
    {
        Assert.Equal("crema", With(("Dashboard:City", "crema")).DefaultCity);
        Assert.Equal(Cities.Keys.Order(StringComparer.Ordinal).First(), With().DefaultCity);
    }

    [Fact]
    public void A_citys_own_setting_wins_over_the_dashboards_then_the_calendar()
    {
        var calendar = With(("Dashboard:Year", "2019"), ("Cities:crema:CurrentYear", "2014"));
        Assert.Equal(2019, calendar.CurrentYear("bologna"));
        Assert.Equal(2014, calendar.CurrentYear("crema"));
        Assert.Equal(DateTime.UtcNow.Year, With().CurrentYear("bologna"));
    }

    [Fact]
    public void Pickers_offer_the_first_year_to_the_current_year_newest_first_and_the_year_shown()
    {
        var calendar = With(("Dashboard:Year", "2019"), ("Dashboard:FirstYear", "2016"));
        Assert.Equal([2019, 2018, 2017, 2016], calendar.PickerYears("bologna"));
        Assert.Equal([2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017, 2016], calendar.PickerYears("bologna", shown: 2025));
        Assert.Equal(2013, calendar.PickerYears("bologna", shown: 2013)[^1]);
    }

    [Fact]
    public void A_form_offers_today_in_this_year_and_the_same_day_in_another()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 2, 29, 10, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var calendar = With(clock);
        Assert.Equal(2024, calendar.CurrentYear("crema"));
        Assert.Equal(new DateOnly(2024, 2, 29), calendar.DefaultDate(2024));
        Assert.Equal(new DateOnly(2019, 2, 28), calendar.DefaultDate(2019)); // no 29 February in 2019
        Assert.Equal(new DateOnly(2028, 2, 29), calendar.DefaultDate(2028));
    }
}
