using System.Globalization;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Localization;

/// <summary>
/// The interface's words in Italian (default) and English, chosen by the request culture, and the
/// number and date formats of that culture (it-IT: "14.844", "23/11/2026 14:05").
/// </summary>
public static class Texts
{
    public static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Italian or English, as the person chose.</summary>
    public static string T(string it, string en) => IsEnglish ? en : it;

    public static string Number(double? value, int decimals = 0) =>
        value is null ? "—" : value.Value.ToString("N" + decimals, CultureInfo.CurrentCulture);

    public static string Percent(double part, double whole) =>
        whole == 0 ? "—" : (part / whole).ToString("P0", CultureInfo.CurrentCulture);

    /// <summary>A date as the page's language writes it: "3 dicembre 2026", "3 December 2026".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string DateTime(DateTimeOffset at) => at.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    public static string Label(Term term) => IsEnglish ? term.En : term.It;

    public static string Label(LocalizedText text) => IsEnglish ? text.En : text.It;

    /// <summary>A field's label (<see cref="Activities.FieldLabels"/>), the words its error messages start with.</summary>
    public static string FieldLabel(string field, Territory? city = null) => Label(Activities.FieldLabels.Of(field, city));

    /// <summary>What the city calls its districts, in the plural ("quartieri", "zone"; "districts", "zones").</summary>
    public static string Districts(Territory city) => Label(city.DistrictTerm.Plural);

    /// <summary>A figure's label, in the city's words when the city is given.</summary>
    public static string LabelOf(string? code, Territory? city = null) =>
        code is not null && IndicatorCatalogue.ByCode.ContainsKey(code) ? Label(IndicatorCatalogue.LabelFor(code, city)) : code ?? "";
}
