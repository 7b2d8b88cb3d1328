using System.Globalization;
using System.Text;
using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Domain;

/// <summary>
/// What the messages say (pure), in Italian and English, in the city's words. They name activities, districts and
/// counts, never a person: what reaches a mail is what the alerts and completeness pages show to the city's readers.
/// </summary>
public static class NotificationText
{
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>One message of new alerts for a person, whose subscriptions cover <paramref name="scopes"/>.</summary>
    public static (LocalizedText Subject, LocalizedText Body) NewAlerts(Territory city, IReadOnlyList<string> scopes, IReadOnlyList<Alert> alerts, string? dashboardUrl) =>
        Both(en =>
        {
            var body = new StringBuilder();
            var count = en ? (alerts.Count == 1 ? "One new alert" : $"{alerts.Count} new alerts") : (alerts.Count == 1 ? "Un nuovo avviso" : $"{alerts.Count} nuovi avvisi");
            body.AppendLine(CultureInfo.InvariantCulture, $"{count} {(en ? "for" : "per")} {Where(city, scopes, en)}:");
            body.AppendLine();
            foreach (var a in alerts) body.AppendLine(CultureInfo.InvariantCulture, $"- {Line(city, a, en)}");
            Footer(body, city, dashboardUrl, "avvisi", en);
            return ($"ActorWelfare · {city.Name}: {(en ? count.ToLowerInvariant() : count.ToLower(Italian))}", body.ToString());
        });

    /// <summary>One weekly summary for a person: a section per scope (open alerts by kind, the year's completeness).</summary>
    public static (LocalizedText Subject, LocalizedText Body) WeeklySummary(Territory city, IReadOnlyList<string> scopes, DateOnly today,
        IReadOnlyList<Alert> open, YearCompleteness completeness, string? dashboardUrl) =>
        Both(en =>
        {
            var culture = en ? English : Italian;
            var body = new StringBuilder();
            var day = today.ToString("d MMMM yyyy", culture);
            body.AppendLine(en ? $"Summary of the week for {Where(city, scopes, en)}, as of {day}." : $"Riepilogo della settimana per {Where(city, scopes, en)}, al {day}.");
            foreach (var scope in scopes)
            {
                var mine = open.Where(a => InScope(a, scope)).ToList();
                body.AppendLine();
                if (scopes.Count > 1) body.AppendLine(CultureInfo.InvariantCulture, $"{Place(city, scope, en)}:");
                body.AppendLine(CultureInfo.InvariantCulture, $"{(en ? "Open alerts" : "Avvisi aperti")}: {mine.Count}.");
                foreach (var group in mine.GroupBy(a => a.Rule))
                    body.AppendLine(CultureInfo.InvariantCulture, $"- {Label(group.Key, en)}: {group.Count()}");
                var figures = scope == ActivityRecord.WholeCity ? completeness.City : completeness.Districts.FirstOrDefault(d => d.Quartiere == scope);
                if (figures is null) continue;
                var rate = figures.Rate.ToString("P0", culture);
                var (year, complete, total) = (completeness.Year.ToString(CultureInfo.InvariantCulture), figures.Complete.ToString(culture), figures.Total.ToString(culture));
                body.AppendLine(en
                    ? $"Completeness of {year}: {complete} of {total} activities have entered every figure ({rate})."
                    : $"Completezza del {year}: {complete} attività su {total} hanno inserito tutti i dati ({rate}).");
                if (scope != ActivityRecord.WholeCity)
                    body.AppendLine(figures.Ready
                        ? (en ? "Ready for the closing of the year." : "Pronto per la chiusura dell'anno.")
                        : (en ? "Not yet marked ready for the closing of the year." : "Non ancora segnato pronto per la chiusura dell'anno."));
            }
            Footer(body, city, dashboardUrl, $"{completeness.Year}/completezza", en);
            return ($"ActorWelfare · {city.Name}: {(en ? "summary of the week" : "riepilogo della settimana")}", body.ToString());
        });

    public static bool InScope(Alert a, string scope) => scope == ActivityRecord.WholeCity || a.Quartieri.Contains(scope);

    /// <summary>The message in the subscriber's language.</summary>
    public static string In(LocalizedText text, string language) => language == "en" ? text.En : text.It;

    private static (LocalizedText, LocalizedText) Both(Func<bool, (string Subject, string Body)> write)
    {
        var (it, itBody) = write(false);
        var (en, enBody) = write(true);
        return (new LocalizedText(it, en), new LocalizedText(itBody, enBody));
    }

    private static string Line(Territory city, Alert a, bool en)
    {
        var label = Label(a.Rule, en);
        var where = Districts(city, a, en);
        return a.Rule switch
        {
            AlertRule.NoMeeting => en ? $"{label} for {a.Days} days: {a.ActivityName} ({where})" : $"{label} da {a.Days} giorni: {a.ActivityName} ({where})",
            AlertRule.EndedStillActive => en ? $"{label}: {a.ActivityName}, ended in {a.Year} ({where})" : $"{label}: {a.ActivityName}, concluso nel {a.Year} ({where})",
            AlertRule.MissingFigures => $"{label} ({a.Year}): {a.ActivityName} ({where})",
            _ => Outlier(city, a, label, where, en),
        };
    }

    private static string Outlier(Territory city, Alert a, string label, string where, bool en)
    {
        var field = FieldLabels.Of(a.Field ?? "", city);
        var usual = a.Usual?.ToString("0.#", en ? English : Italian);
        return en
            ? $"{label}: {a.ActivityName}, {field.En} {a.Year} = {a.Value} (average of the years before {usual}) ({where})"
            : $"{label}: {a.ActivityName}, {field.It} {a.Year} = {a.Value} (media degli anni prima {usual}) ({where})";
    }

    private static string Label(string rule, bool en) => en ? AlertRule.Label(rule).En : AlertRule.Label(rule).It;

    private static string Districts(Territory city, Alert a, bool en) => string.Join(", ", a.Quartieri.Select(q => Place(city, q, en)));

    private static string Place(Territory city, string scope, bool en) =>
        scope == ActivityRecord.WholeCity ? (en ? "the whole city" : "tutta la città") : city.FindQuartiere(scope)?.Name ?? scope;

    private static string Where(Territory city, IReadOnlyList<string> scopes, bool en) =>
        scopes.Contains(ActivityRecord.WholeCity) ? city.Name : $"{string.Join(", ", scopes.Select(s => Place(city, s, en)))} ({city.Name})";

    private static void Footer(StringBuilder body, Territory city, string? dashboardUrl, string path, bool en)
    {
        body.AppendLine();
        if (dashboardUrl is { Length: > 0 }) body.AppendLine(CultureInfo.InvariantCulture, $"{dashboardUrl.TrimEnd('/')}/citta/{city.Id}/{path}");
        var page = dashboardUrl is { Length: > 0 } ? $"{dashboardUrl.TrimEnd('/')}/citta/{city.Id}/notifiche" : (en ? "the Notifications page of ActorWelfare" : "la pagina Notifiche di ActorWelfare");
        body.AppendLine(en ? $"To stop these messages: {page}." : $"Per non ricevere più questi messaggi: {page}.");
    }
}
