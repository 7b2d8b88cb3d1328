using System.Globalization;
using System.Text;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Domain;

/// <summary>
/// What the messages say (pure), in Italian, in the city's words. They name activities, districts and counts: never a
/// person, so no personal data of beneficiaries can reach a mail.
/// </summary>
public static class NotificationText
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");

    public static (string Subject, string Body) NewAlerts(Territory city, string scope, IReadOnlyList<Alert> alerts, string? dashboardUrl)
    {
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"{(alerts.Count == 1 ? "Un nuovo avviso" : $"{alerts.Count} nuovi avvisi")} per {Where(city, scope)}:");
        body.AppendLine();
        foreach (var a in alerts) body.AppendLine(CultureInfo.InvariantCulture, $"- {Line(city, a)}");
        Footer(body, city, dashboardUrl, "avvisi");
        return ($"ActorWelfare · {city.Name}: {(alerts.Count == 1 ? "un nuovo avviso" : $"{alerts.Count} nuovi avvisi")}", body.ToString());
    }

    public static (string Subject, string Body) WeeklySummary(Territory city, string scope, DateOnly today, IReadOnlyList<Alert> open, YearCompleteness completeness, string? dashboardUrl)
    {
        var mine = open.Where(a => InScope(a, scope)).ToList();
        var figures = scope == ActivityRecord.WholeCity ? completeness.City : completeness.Districts.FirstOrDefault(d => d.Quartiere == scope);
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"Riepilogo della settimana per {Where(city, scope)}, al {today.ToString("d MMMM yyyy", Italian)}.");
        body.AppendLine();
        body.AppendLine(CultureInfo.InvariantCulture, $"Avvisi aperti: {mine.Count}.");
        foreach (var group in mine.GroupBy(a => a.Rule)) body.AppendLine(CultureInfo.InvariantCulture, $"- {RuleLabel(group.Key)}: {group.Count()}");
        if (figures is not null)
        {
            body.AppendLine();
            body.AppendLine(CultureInfo.InvariantCulture,
                $"Completezza del {completeness.Year}: {figures.Complete} attività su {figures.Total} hanno inserito tutti i dati ({(figures.Total == 0 ? 1 : (double)figures.Complete / figures.Total).ToString("P0", Italian)}).");
            if (scope != ActivityRecord.WholeCity) body.AppendLine(figures.Ready ? "Pronto per la chiusura dell'anno." : "Non ancora segnato pronto per la chiusura dell'anno.");
        }
        Footer(body, city, dashboardUrl, $"{completeness.Year}/completezza");
        return ($"ActorWelfare · {city.Name}: riepilogo della settimana", body.ToString());
    }

    public static bool InScope(Alert a, string scope) => scope == ActivityRecord.WholeCity || a.Quartieri.Contains(scope);

    private static string Line(Territory city, Alert a) => a.Rule switch
    {
        AlertRule.NoMeeting => $"{RuleLabel(a.Rule)} da {a.Days} giorni: {a.ActivityName} ({Districts(city, a)})",
        AlertRule.EndedStillActive => $"{RuleLabel(a.Rule)}: {a.ActivityName}, concluso nel {a.Year} ({Districts(city, a)})",
        AlertRule.MissingFigures => $"{RuleLabel(a.Rule)} ({a.Year}): {a.ActivityName} ({Districts(city, a)})",
        _ => $"{RuleLabel(a.Rule)}: {a.ActivityName}, {FieldLabels.Of(a.Field ?? "", city).It} {a.Year} = {a.Value} (media degli anni prima {a.Usual?.ToString("0.#", Italian)}) ({Districts(city, a)})",
    };

    private static string RuleLabel(string rule) => AlertRule.Label(rule).It;

    private static string Districts(Territory city, Alert a) =>
        string.Join(", ", a.Quartieri.Select(q => q == ActivityRecord.WholeCity ? "tutta la città" : city.FindQuartiere(q)?.Name ?? q));

    private static string Where(Territory city, string scope) =>
        scope == ActivityRecord.WholeCity ? city.Name : $"{city.FindQuartiere(scope)?.Name ?? scope} ({city.Name})";

    private static void Footer(StringBuilder body, Territory city, string? dashboardUrl, string path)
    {
        body.AppendLine();
        if (dashboardUrl is { Length: > 0 }) body.AppendLine(CultureInfo.InvariantCulture, $"{dashboardUrl.TrimEnd('/')}/citta/{city.Id}/{path}");
        body.AppendLine("Per non ricevere più questi messaggi: la pagina Notifiche di ActorWelfare.");
    }
}
