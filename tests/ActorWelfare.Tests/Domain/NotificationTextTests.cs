using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Domain;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>What the messages say, in the city's words: activities, districts and counts.</summary>
public sealed class NotificationTextTests
{
    private static readonly Territories.Territory Crema = InProcessCluster.Territories["crema"];

    private static Alert NewAlert(string rule, string name, string zone, int? days = null) => new()
    {
        Id = $"{rule}:{name}", Rule = rule, Kind = ActivityKind.Tavolo, ActivityId = name, ActivityName = name, Quartieri = [zone], Year = 2014,
        Days = days, Since = days is null ? null : new DateOnly(2014, 1, 1),
    };

    [Fact]
    public void New_alerts_name_the_activity_and_its_zone_and_link_to_the_alerts_page()
    {
        var (subject, body) = NotificationText.NewAlerts(Crema, "zona-1",
            [NewAlert(AlertRule.NoMeeting, "Tavolo della Zona 1", "zona-1", 120), NewAlert(AlertRule.MissingFigures, "Gruppo di lavoro", "zona-1")], "http://127.0.0.1:5080/");
        Assert.Equal("ActorWelfare · Crema: 2 nuovi avvisi", subject);
        Assert.Contains("2 nuovi avvisi per Zona 1 (Crema):", body);
        Assert.Contains("- Nessun incontro da 120 giorni: Tavolo della Zona 1 (Zona 1)", body);
        Assert.Contains("- Dati dell'anno mancanti (2014): Gruppo di lavoro (Zona 1)", body);
        Assert.Contains("http://127.0.0.1:5080/citta/crema/avvisi", body);
    }

    [Fact]
    public void The_weekly_summary_counts_the_scope_s_open_alerts_and_its_completeness()
    {
        var zone = new DistrictCompleteness("zona-1", new Dictionary<ActivityKind, int> { [ActivityKind.Tavolo] = 4 }, 3, new Dictionary<string, int>(),
            new DistrictSignOff(true, "op", DateTimeOffset.UnixEpoch));
        var city = zone with { Quartiere = "*", Activities = new Dictionary<ActivityKind, int> { [ActivityKind.Tavolo] = 10 }, Complete = 5, SignOff = null };
        var completeness = new YearCompleteness("crema", 2014, false, city, [zone], []);
        var open = new[] { NewAlert(AlertRule.NoMeeting, "A", "zona-1", 100), NewAlert(AlertRule.NoMeeting, "B", "zona-2", 95) };

        var (subject, body) = NotificationText.WeeklySummary(Crema, "zona-1", new DateOnly(2014, 6, 15), open, completeness, null);
        Assert.Equal("ActorWelfare · Crema: riepilogo della settimana", subject);
        Assert.Contains("Riepilogo della settimana per Zona 1 (Crema), al 15 giugno 2014.", body);
        Assert.Contains("Avvisi aperti: 1.", body);
        Assert.Contains("- Nessun incontro: 1", body);
        Assert.Contains("Completezza del 2014: 3 attività su 4 hanno inserito tutti i dati (75", body);
        Assert.Contains("Pronto per la chiusura dell'anno.", body);

        var (_, whole) = NotificationText.WeeklySummary(Crema, "*", new DateOnly(2014, 6, 15), open, completeness, null);
        Assert.Contains("Avvisi aperti: 2.", whole);
        Assert.Contains("5 attività su 10", whole);
    }
}
