using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Localization;
using ActorWelfare.Imports;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.ImportTemplates;

/// <summary>
/// Template files for the import (docs/import.md), made from a city's territory: one example row per
/// kind of activity in the given district, with the city's own taxonomy ids, for the given year. As
/// downloaded it imports cleanly; people replace the example rows with their activities. Without a district
/// (an operatore of the city's office, who looks after activities of the whole city) the examples are of the whole city.
/// </summary>
public sealed class ImportTemplate(Territory city, Quartiere? quartiere, int year)
{
    public sealed record Example(ActivityKind Kind, string Id, ActivityProfile Profile, YearFigures Figures);

    private Taxonomies Tax => city.Taxonomies;

    public IReadOnlyList<Example> Examples() =>
    [
        new(ActivityKind.Tavolo, "esempio-tavolo", Common(Texts.T("Esempio di tavolo", "Example tavolo")) with
        {
            Coordination = First(Tax.CoordinationKinds), Themes = Some(Tax.Themes), Purposes = Some(Tax.Purposes),
        }, new YearFigures { Meetings = 10, Operators = Operators() }),
        new(ActivityKind.Gruppo, "esempio-gruppo", Common(Texts.T("Esempio di gruppo di cittadini", "Example citizens' group")) with
        {
            Coordination = First(Tax.CoordinationKinds), Themes = Some(Tax.Themes), Purposes = Some(Tax.Purposes),
        }, new YearFigures { Meetings = 6, Citizens = 20 }),
        new(ActivityKind.Progetto, "esempio-progetto", Common(Texts.T("Esempio di progetto", "Example project")) with
        {
            PromoterLevel = First(Tax.PromoterLevels), FromPdzLab = false, Reach = First(Tax.Reach), PromoterRoles = Some(Tax.PromoterRoles),
            Activities = Some(Tax.Activities), Target = First(Tax.Targets), AccessMode = First(Tax.AccessModes), SstFunctions = Some(Tax.SstFunctions),
        }, new YearFigures
        {
            Beneficiaries = 40, BeneficiariesInCarico = 10, Volunteers = 5, OrganisationOperators = 2, Operators = Operators(),
            Funders = Some(Tax.Funders), FundingClass = First(Tax.FundingClasses),
        }),
    ];

    /// <summary>The file name people get, in their language.</summary>
    public string FileName(string extension) => $"{Texts.T("modello-importazione", "import-template")}-{city.Id}.{extension}";

    /// <summary>
    /// The CSV: every column, one row per example. In Italian ";" separates the cells, as spreadsheets set
    /// to Italian expect; with a BOM so that they read it as UTF-8.
    /// </summary>
    public byte[] Csv()
    {
        var delimiter = Texts.IsEnglish ? ',' : ';';
        var text = new StringBuilder();
        text.AppendJoin(delimiter, ImportColumns.All).Append("\r\n");
        foreach (var example in Examples())
            text.AppendJoin(delimiter, ImportColumns.All.Select(c => Quote(Cell(example, c), delimiter))).Append("\r\n");
        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "Attività", not "Attivit\u00E0": a file people read
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The JSON: the city, no organisations to add, and the examples with their year's figures.</summary>
    public byte[] Json() => JsonSerializer.SerializeToUtf8Bytes(new
    {
        city = city.Id,
        organisations = Array.Empty<object>(),
        activities = Examples().Select(e => new
        {
            kind = e.Kind, id = e.Id, profile = e.Profile,
            years = new Dictionary<string, YearFigures> { [year.ToString(CultureInfo.InvariantCulture)] = e.Figures },
        }),
    }, JsonOptions);

    private ActivityProfile Common(string name) => new()
    {
        Name = name,
        Description = Texts.T("Riga di esempio: sostituiscila con un'attività vera.", "Example row: replace it with a real activity."),
        Quartieri = quartiere is null ? [] : [quartiere.Id], Zones = [.. (quartiere?.Zones ?? []).Take(1).Select(z => z.Id)], CityWide = quartiere is null,
        StartYear = year, Status = Tax.Statuses.Has("attivo") ? "attivo" : Tax.Statuses[0].Id,
    };

    private IReadOnlyDictionary<string, int>? Operators() => First(Tax.Offices) is { } office ? new Dictionary<string, int> { [office] = 1 } : null;

    private static string? First(IReadOnlyList<Term> terms) => terms.Count > 0 ? terms[0].Id : null;

    private static IReadOnlyList<string>? Some(IReadOnlyList<Term> terms) => terms.Count > 0 ? [terms[0].Id] : null;

    /// <summary>A cell as the CSV reader reads it: lists with "|", operators as "office=count".</summary>
    private string Cell(Example e, string column)
    {
        var p = e.Profile;
        var f = e.Figures;
        static string List(IReadOnlyList<string>? items) => items is null ? "" : string.Join('|', items);
        static string Number(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string Bool(bool? b) => b is null ? "" : b.Value ? "true" : "false";
        return column switch
        {
            "kind" => e.Kind.ToString().ToLowerInvariant(), "id" => e.Id, "name" => p.Name, "description" => p.Description ?? "",
            "quartieri" => List(p.Quartieri), "zones" => List(p.Zones), "startYear" => Number(p.StartYear), "endYear" => Number(p.EndYear),
            "status" => p.Status, "excludedFromAggregates" => "", "cityWide" => p.CityWide ? "true" : "", "promoterLevel" => p.PromoterLevel ?? "", "fromPdzLab" => Bool(p.FromPdzLab),
            "needArea" => p.NeedArea ?? "", "reach" => p.Reach ?? "", "promoterRoles" => List(p.PromoterRoles), "activities" => List(p.Activities),
            "target" => p.Target ?? "", "accessMode" => p.AccessMode ?? "", "sstFunctions" => List(p.SstFunctions),
            "coordination" => p.Coordination ?? "", "themes" => List(p.Themes), "purposes" => List(p.Purposes), "organisations" => "",
            "year" => Number(year), "meetings" => Number(f.Meetings), "beneficiaries" => Number(f.Beneficiaries),
            "beneficiariesInCarico" => Number(f.BeneficiariesInCarico), "volunteers" => Number(f.Volunteers),
            "organisationOperators" => Number(f.OrganisationOperators), "citizens" => Number(f.Citizens),
            "operators" => f.Operators is null ? "" : string.Join('|', f.Operators.Select(o => $"{o.Key}={o.Value}")),
            "funders" => List(f.Funders), "fundingClass" => f.FundingClass ?? "",
            _ => throw new ArgumentException($"No template cell for the column '{column}'.", nameof(column)),
        };
    }

    private static string Quote(string cell, char delimiter) =>
        cell.IndexOfAny([delimiter, '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"")}\"" : cell;
}
