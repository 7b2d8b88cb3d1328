using ActorWelfare.Activities;
using ActorWelfare.Alerts;
using ActorWelfare.Dashboard.ActivityViews;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Components.Alerts;

/// <summary>What an alert says, in the page's language and the city's words, and where its fix is.</summary>
public static class AlertText
{
    public static string RuleLabel(string rule)
    {
        var label = AlertRule.Label(rule);
        return Texts.T(label.It, label.En);
    }

    public static string Describe(Alert a, Territory territory) => a.Rule switch
    {
        AlertRule.NoMeeting => Texts.T($"Nessun incontro da {Texts.Number(a.Days)} giorni (dal {Texts.Date(a.Since!.Value)}).",
            $"No meeting for {Texts.Number(a.Days)} days (since {Texts.Date(a.Since!.Value)})."),
        AlertRule.EndedStillActive => Texts.T($"L'attività si è conclusa nel {a.Year} ma il suo stato è ancora «{ActivityText.Term(territory.Taxonomies.Statuses, a.Status)}».",
            $"The activity ended in {a.Year} but its status is still '{ActivityText.Term(territory.Taxonomies.Statuses, a.Status)}'."),
        AlertRule.MissingFigures => Texts.T($"Attiva nel {a.Year}, ma nessun dato del {a.Year} è stato inserito.",
            $"Active in {a.Year}, but no figure for {a.Year} has been entered."),
        AlertRule.Outlier => Texts.T(
            $"{Texts.FieldLabel(a.Field!, territory)} {a.Year}: {Texts.Number(a.Value)}, contro una media di {Texts.Number(a.Usual, 1)} negli anni precedenti. È giusto?",
            $"{Texts.FieldLabel(a.Field!, territory)} {a.Year}: {Texts.Number(a.Value)}, against an average of {Texts.Number(a.Usual, 1)} in the years before. Is it right?"),
        _ => a.Rule,
    };

    /// <summary>The activity's page, on the alert's year.</summary>
    public static string ActivityLink(string city, Alert a) => $"citta/{city}/attivita/{GrainKeys.KindId(a.Kind)}/{a.ActivityId}?anno={a.Year}";

    /// <summary>Where the cause is mended: the meetings of the year, or the form on the alert's year (status, figures).</summary>
    public static string FixLink(string city, Alert a) => a.Rule == AlertRule.NoMeeting
        ? $"{ActivityLink(city, a)}#meetings-title"
        : $"citta/{city}/attivita/{GrainKeys.KindId(a.Kind)}/{a.ActivityId}/modifica?anno={a.Year}";

    public static string FixLabel(Alert a) => a.Rule switch
    {
        AlertRule.NoMeeting => Texts.T("Registra un incontro", "Record a meeting"),
        AlertRule.EndedStillActive => Texts.T("Cambia lo stato", "Change the status"),
        AlertRule.MissingFigures => Texts.T("Inserisci i dati", "Enter the figures"),
        _ => Texts.T("Correggi o conferma i dati", "Correct or confirm the figures"),
    };

    public static string Districts(Alert a, Territory territory) =>
        string.Join(", ", a.Quartieri.Select(q => q == ActivityRecord.WholeCity ? Texts.T("tutta la città", "the whole city") : territory.FindQuartiere(q)?.Name ?? q));

    public static string Answer(AlertAnswer answer) => answer.Answer == AlertAnswer.Snoozed && answer.Until is { } until
        ? Texts.T($"Rimandato al {Texts.Date(until)} da {answer.By}", $"Snoozed until {Texts.Date(until)} by {answer.By}")
        : Texts.T($"Preso in carico da {answer.By}", $"Acknowledged by {answer.By}");
}
