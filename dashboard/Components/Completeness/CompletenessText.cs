using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Dashboard.Components.Completeness;

/// <summary>How completeness reads on the pages: districts by name, fields by label, rates as percentages.</summary>
public static class CompletenessText
{
    public static string District(string id, Territory territory) =>
        id == ActivityRecord.WholeCity ? Texts.T("Tutta la città", "The whole city") : territory.FindQuartiere(id)?.Name ?? id;

    public static string Fields(IEnumerable<string> fields, Territory territory) => string.Join(", ", fields.Select(f => Texts.FieldLabel(f, territory)));

    /// <summary>"pronti" or "pronte", as the city's districts are called (quartieri, zone).</summary>
    public static string Ready(Territory territory) => territory.DistrictTerm.IsFeminine ? "pronte" : "pronti";

    /// <summary>The word with its first letter capital (a sentence that starts with "quartieri").</summary>
    public static string Capital(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];

    public static string Rate(DistrictCompleteness d) => Texts.Percent(d.Complete, d.Total);

    /// <summary>"12 di 17" activities that reported everything.</summary>
    public static string CompleteOf(DistrictCompleteness d) => Texts.T($"{Texts.Number(d.Complete)} di {Texts.Number(d.Total)}", $"{Texts.Number(d.Complete)} of {Texts.Number(d.Total)}");

    public static string SignOff(DistrictSignOff? s) => s switch
    {
        { Ready: true } => Texts.T($"Pronto · {s.By}, {Texts.DateTime(s.At)}", $"Ready · {s.By}, {Texts.DateTime(s.At)}"),
        { Ready: false } => Texts.T($"Non pronto · {s.By}, {Texts.DateTime(s.At)}", $"Not ready · {s.By}, {Texts.DateTime(s.At)}"),
        _ => Texts.T("Non ancora segnato", "Not marked yet"),
    };

    public static string EditLink(string city, int year, ActivityGaps g) => $"citta/{city}/attivita/{Keys.GrainKeys.KindId(g.Kind)}/{g.Id}/modifica?anno={year}";
}
