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
    private static readonly Territories.Territory Crema = ShippedTerritories.All["crema"];

    private static Alert NewAlert(string rule, string name, string zone, int? days = null) => new()
    {
        Id = $"{rule}:{name}", Rule = rule, Kind = ActivityKind.Tavolo, ActivityId = name, ActivityName = name, Quartieri = [zone], Year = 2014,
        Days = days, Since = days is null ? null : new DateOnly(2014, 1, 1),
    };

    [Fact]
    public void New_alerts_name_the_activity_and_its_zone_and_link_to_the_alerts_page_in_both_languages()
    {
        var (subject, body) = NotificationText.NewAlerts(Crema, ["zona-1"],
            [NewAlert(AlertRule.NoMeeting, "Tavolo della Zona 1", "zona-1", 120), NewAlert(AlertRule.MissingFigures, "Gruppo di lavoro", "zona-1")], "http://127.0.0.1:5080/");
        Assert.Equal("ActorWelfare · Crema: 2 nuovi avvisi", subject.It);
        Assert.Contains("2 nuovi avvisi per Zona 1 (Crema):", body.It);
        Assert.Contains("- Nessun incontro da 120 giorni: Tavolo della Zona 1 (Zona 1)", body.It);
        Assert.Contains("- Dati dell'anno mancanti (2014): Gruppo di lavoro (Zona 1)", body.It);
        Assert.Contains("http://127.0.0.1:5080/citta/crema/avvisi", body.It);
        Assert.Contains("Per non ricevere più questi messaggi: http://127.0.0.1:5080/citta/crema/notifiche.", body.It);

        Assert.Equal("ActorWelfare · Crema: 2 new alerts", subject.En);
        Assert.Contains("2 new alerts for Zona 1 (Crema):", body.En);
        Assert.Contains("- No meeting for 120 days: Tavolo della Zona 1 (Zona 1)", body.En);
        Assert.Contains("- Figures of the year missing (2014): Gruppo di lavoro (Zona 1)", body.En);
        Assert.Contains("To stop these messages: http://127.0.0.1:5080/citta/crema/notifiche.", body.En);
        Assert.Equal(body.En, NotificationText.In(body, "en"));
        Assert.Equal(body.It, NotificationText.In(body, "it"));
    }

    [Fact]
    public void One_message_covers_every_scope_a_person_subscribed_to()
    {
        var (subject, body) = NotificationText.NewAlerts(Crema, ["zona-1", "zona-2"],
            [NewAlert(AlertRule.NoMeeting, "A", "zona-1", 100)], null);
        Assert.Equal("ActorWelfare · Crema: un nuovo avviso", subject.It);
        Assert.Contains("Un nuovo avviso per Zona 1, Zona 2 (Crema):", body.It);
        Assert.Contains("One new alert for Zona 1, Zona 2 (Crema):", body.En);
        Assert.Contains("Per non ricevere più questi messaggi: la pagina Notifiche di ActorWelfare.", body.It);
    }

    [Fact]
    public void The_weekly_summary_counts_the_scope_s_open_alerts_and_its_completeness()
    {
        var zone = new DistrictCompleteness("zona-1", new Dictionary<ActivityKind, int> { [ActivityKind.Tavolo] = 4 }, 3, new Dictionary<string, int>(),
            new DistrictSignOff(true, "op", DateTimeOffset.UnixEpoch));
        var city = zone with { Quartiere = "*", Activities = new Dictionary<ActivityKind, int> { [ActivityKind.Tavolo] = 10 }, Complete = 5, SignOff = null };
        var completeness = new YearCompleteness("crema", 2014, false, city, [zone], []);
        var open = new[] { NewAlert(AlertRule.NoMeeting, "A", "zona-1", 100), NewAlert(AlertRule.NoMeeting, "B", "zona-2", 95) };

        var (subject, body) = NotificationText.WeeklySummary(Crema, ["zona-1"], new DateOnly(2014, 6, 15), open, completeness, null);
        Assert.Equal("ActorWelfare · Crema: riepilogo della settimana", subject.It);
        Assert.Contains("Riepilogo della settimana per Zona 1 (Crema), al 15 giugno 2014.", body.It);
        Assert.Contains("Avvisi aperti: 1.", body.It);
        Assert.Contains("- Nessun incontro: 1", body.It);
        Assert.Contains("Completezza del 2014: 3 attività su 4 hanno inserito tutti i dati (75", body.It);
        Assert.Contains("Pronto per la chiusura dell'anno.", body.It);
        Assert.Equal("ActorWelfare · Crema: summary of the week", subject.En);
        Assert.Contains("Summary of the week for Zona 1 (Crema), as of 15 June 2014.", body.En);
        Assert.Contains("Completeness of 2014: 3 of 4 activities have entered every figure (75", body.En);

        var (_, whole) = NotificationText.WeeklySummary(Crema, ["*"], new DateOnly(2014, 6, 15), open, completeness, null);
        Assert.Contains("Avvisi aperti: 2.", whole.It);
        Assert.Contains("5 attività su 10", whole.It);

        // Two scopes: one message, a section each.
        var (_, both) = NotificationText.WeeklySummary(Crema, ["zona-1", "*"], new DateOnly(2014, 6, 15), open, completeness, null);
        Assert.Contains("Zona 1:\nAvvisi aperti: 1.", both.It.ReplaceLineEndings("\n"));
        Assert.Contains("tutta la città:\nAvvisi aperti: 2.", both.It.ReplaceLineEndings("\n"));
    }
}
