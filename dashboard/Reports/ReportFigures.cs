using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Dashboard.Reports;

/// <summary>A headline figure; <see cref="Notes"/> say how its definition differed in this year (the territory's definition notes).</summary>
public sealed record ReportHeadline(string Code, string Label, string Value, string? BaseText, IReadOnlyList<string>? Also = null, IReadOnlyList<string>? Notes = null);
public sealed record ReportRow(string Id, string Label, double Value);

/// <summary>A table of the report; <see cref="Key"/> tells two tables of one code apart; <see cref="Note"/> is a sentence read off it.</summary>
public sealed record ReportTable(string Code, string Title, string? BaseText, IReadOnlyList<ReportRow> Rows, int Decimals = 0,
    string? Key = null, bool Means = false, string? Note = null, string? Named = null, IReadOnlyList<string>? Notes = null)
{
    public string Id => Key ?? Code;
}

public sealed record ReportPart(string Id, string Title, IReadOnlyList<ReportTable> Tables);

public sealed record ReportSection(string Id, string Title, IReadOnlyList<ReportHeadline> Headlines, IReadOnlyList<ReportPart> Parts)
{
    public IEnumerable<ReportTable> Tables => Parts.SelectMany(p => p.Tables);
}

/// <summary>
/// The report's description (<see cref="ReportOutline"/>) filled with the figures of one scope (the city, or
/// one district, whose per-district tables are left out), in one language and one number format: the
/// headline sentences ("99+1 progetti inclusivi", "160 ETS + 58 altre · su 91 progetti") and the tables.
/// </summary>
/// <param name="year">The figures' year, for the notes of a definition that differed then (none without it).</param>
public sealed class ReportFigures(Territory territory, IReadOnlyDictionary<string, IndicatorValue> figures, CultureInfo culture, bool english,
    bool wholeCity = true, int? year = null)
{
    public string T(string it, string en) => english ? en : it;

    private string L(LocalizedText text) => english ? text.En : text.It;

    public string Number(double? value, int decimals = 0) => value is null ? "—" : value.Value.ToString("N" + decimals, culture);

    private string Percent(double part, double whole) => whole == 0 ? "—" : (part / whole).ToString("P0", culture);

    private IndicatorValue? F(string code) => figures.GetValueOrDefault(code);

    public string Label(string code) => L(IndicatorCatalogue.LabelFor(code, territory));

    /// <summary>A figure as the report names it: "B.3.09 Le tematiche dei tavoli permanenti", or its label for the other codes.</summary>
    public string Title(string code) => (code.StartsWith("B3.", StringComparison.Ordinal) ? code.Replace("B3.", "B.3.") + " " : "") + Label(code);

    public IReadOnlyList<ReportSection> Sections() => [.. ReportOutline.Sections.Select(Section)];

    private ReportSection Section(OutlineSection s) => new(s.Id, L(s.Title),
        [.. s.Headlines.Where(h => h.Shown?.Invoke(territory) != false).Select(h => Headline(h, s))],
        [.. s.Parts.Select(p => new ReportPart(p.Id, L(p.Title), [.. p.Tables.Where(t => wholeCity || !t.CityOnly).Select(t => Table(t, s))]))]);

    private string? On(string code, OutlineSection s) => F(code)?.Base is not { } b ? null
        : OfOrganisations(code) ? T($"su {Number(b)} organizzazioni", $"of {Number(b)} organisations")
        : T($"su {Number(b)} {s.Unit.It}", $"on {Number(b)} {s.Unit.En}");

    /// <summary>Whether a figure's base counts organisations (the network's "figure nodo" and density) rather than activities.</summary>
    private static bool OfOrganisations(string code) => IndicatorCatalogue.ByCode[code].Shape is IndicatorShape.Nodes or IndicatorShape.Density or IndicatorShape.Continuity;

    private static string? Join(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrEmpty(p)).ToList() is { Count: > 0 } some ? string.Join(" · ", some) : null;

    private ReportHeadline Headline(OutlineHeadline h, OutlineSection s)
    {
        var code = h.Code;
        var inCare = InCare();
        var value = code switch
        {
            _ when code == IndicatorCatalogue.TotalCode(s.Kind) => Total(code),
            "B3.05" => inCare is var (ic, tot) ? $"{Number(ic)} / {Number(tot)}" : "—",
            "NET.DENS" => F(code)?.Value is { } density ? $"{Number(density, 1)}%" : "—",
            _ => Number(F(code)?.Value, IndicatorCatalogue.ByCode[code].Shape == IndicatorShape.Mean ? 1 : 0),
        };
        var basis = code switch
        {
            "PI.TOT" => NewInTheYear(),
            "TP.TOT" or "GC.TOT" => Statuses(code),
            "PI.ODT" => Join(Groups(code), On(code, s)),
            "B3.05" => Join(inCare is var (ic, tot) ? Percent(ic, tot) : null, On(code, s)),
            "NET.ORG" => Join(Shared(), On(code, s)),
            "NET.NODO" => Join(Spans(), On(code, s)),
            "NET.DENS" => Ties(),
            "NET.CONT" => Join(Turnover(), On(code, s)),
            _ => On(code, s),
        };
        return new(code, L(h.Label(territory)), value, basis, h.Also, DefinitionNotes(code));
    }

    private IReadOnlyList<string>? DefinitionNotes(string code) =>
        year is { } y && territory.NotesFor(code, y).Select(n => L(new LocalizedText(n.It, n.En))).ToList() is { Count: > 0 } notes ? notes : null;

    /// <summary>"99+1": the activities counted, and those documented but left out of the figures.</summary>
    private string Total(string code) => F(code) is { Excluded: > 0 } f ? $"{Number(f.Value)}+{Number(f.Excluded)}" : Number(F(code)?.Value);

    private (double InCare, double Total)? InCare() =>
        F("B3.05")?.Breakdown is { } b && b.TryGetValue("in-carico", out var ic) && b.TryGetValue("totale", out var tot) ? (ic, tot) : null;

    private string? NewInTheYear() => F("PI.NEW") is { Value: { } v, Base: > 0 } f
        ? T($"di cui {Number(v)} nuovi nell'anno ({Percent(v, f.Base.Value)})", $"{Number(v)} new this year ({Percent(v, f.Base.Value)})") : null;

    private string? Groups(string code)
    {
        var b = F(code)?.Breakdown;
        var groups = territory.Taxonomies.OrganisationGroups.Where(g => b?.ContainsKey(g.Id) == true)
            .Select(g => $"{Number(b![g.Id])} {(g.Id == "ets" ? "ETS" : T("altre", "others"))}");
        return string.Join(" + ", groups) is { Length: > 0 } text ? text : null;
    }

    private string? Shared() => F("NET.ORG")?.Breakdowns?.GetValueOrDefault("activities")?.GetValueOrDefault("2-o-piu") is { } shared
        ? T($"di cui {Number(shared)} in due o più attività", $"{Number(shared)} of them in two or more activities") : null;

    private string? Turnover() => F("NET.CONT")?.Breakdown is { } b
        ? T($"{Number(b.GetValueOrDefault("nuove"))} nuove, {Number(b.GetValueOrDefault("perse"))} non più attive", $"{Number(b.GetValueOrDefault("nuove"))} new, {Number(b.GetValueOrDefault("perse"))} no longer active")
        : null;

    private string? Spans()
    {
        var b = F("NET.NODO")?.Breakdown;
        if (b is null || b.Count == 0) return null;
        var district = territory.DistrictTerm;
        return T($"{Number(b.GetValueOrDefault("districts"))} in più {district.ItPlural}, {Number(b.GetValueOrDefault("kinds"))} in più tipi di attività",
            $"{Number(b.GetValueOrDefault("districts"))} in several {district.EnPlural}, {Number(b.GetValueOrDefault("kinds"))} in several kinds of activity");
    }

    private string? Ties() => F("NET.DENS")?.Breakdown is { } b && b.GetValueOrDefault("organisations") is var n and > 0
        ? T($"{Number(b.GetValueOrDefault("ties"))} legami tra {Number(n)} organizzazioni · la parte connessa più grande ne riunisce {Number(b.GetValueOrDefault("largest"))}",
            $"{Number(b.GetValueOrDefault("ties"))} ties between {Number(n)} organisations · the largest connected part joins {Number(b.GetValueOrDefault("largest"))}")
        : null;

    private string? Statuses(string code) => F(code)?.Breakdown is { Count: > 0 } b
        ? string.Join(", ", territory.Taxonomies.Statuses.Where(s => b.ContainsKey(s.Id)).Select(s => $"{L(new LocalizedText(s.It, s.En))}: {Number(b[s.Id])}")) : null;

    private ReportTable Table(OutlineTable t, OutlineSection s)
    {
        var breakdown = t.Named is null ? F(t.Code)?.Breakdown : F(t.Code)?.Breakdowns?.GetValueOrDefault(t.Named);
        var title = t.Title is { } named ? L(named(territory)) : Title(t.Code);
        return new ReportTable(t.Code, title, On(t.Code, s), Rows(t, breakdown), t.Decimals, t.Key, t.Means, Note(t), t.Named, DefinitionNotes(t.Code));
    }

    private IReadOnlyList<ReportRow> Rows(OutlineTable t, IReadOnlyDictionary<string, double>? breakdown)
    {
        breakdown ??= new Dictionary<string, double>();
        var items = Items(t);
        // Every district is listed (a district with none is a figure too), and every month of a year with recorded
        // meetings (a month without any is what the month-by-month view shows); other lists show what was reported.
        var listed = t.Source == RowSource.Districts || (t.Source == RowSource.Months && breakdown.Count > 0) ? items : [.. items.Where(i => breakdown.ContainsKey(i.Id))];
        var rows = listed.Select(i => new ReportRow(i.Id, L(new LocalizedText(i.It, i.En)), breakdown.GetValueOrDefault(i.Id))).ToList();
        rows.AddRange(breakdown.Keys.Where(k => items.All(i => i.Id != k)).Order(StringComparer.Ordinal).Select(k => new ReportRow(k, NameOf(k), breakdown[k])));
        return rows;
    }

    /// <summary>The items a table lists in the city's order (its terms, districts or zones); none for a table of items as they come.</summary>
    public IReadOnlyList<Term> Items(OutlineTable t) => t.Source switch
    {
        RowSource.Terms => t.Terms?.Invoke(territory) ?? [],
        RowSource.Districts => [.. territory.Quartieri.Select(q => new Term(q.Id, q.Name, q.Name))],
        RowSource.Zones => [.. territory.Quartieri.SelectMany(q => q.Zones).Select(z => new Term(z.Id, z.Name, z.Name))],
        RowSource.Months => ReportOutline.Months,
        _ => [],
    };

    /// <summary>The label of a breakdown item: any of the city's taxonomies, organisation types, districts or zones; else the id.</summary>
    public string NameOf(string id) =>
        id == "3-o-piu" ? T("3 o più", "3 or more")
        : territory.Taxonomies.Named().SelectMany(n => n.Terms).FirstOrDefault(t => t.Id == id) is { } term ? L(new LocalizedText(term.It, term.En))
        : territory.Taxonomies.FindOrganisationType(id) is { } type ? L(new LocalizedText(type.It, type.En))
        : territory.FindQuartiere(id)?.Name ?? territory.Quartieri.SelectMany(q => q.Zones).FirstOrDefault(z => z.Id == id)?.Name
            ?? (ReportOutline.Months.FirstOrDefault(m => m.Id == id) is { } month ? L(new LocalizedText(month.It, month.En)) : id);

    /// <summary>The seed's "oltre il 50% di ODT assolve a due o più funzioni", read off the organisations' places in the projects.</summary>
    private string? Note(OutlineTable t)
    {
        if (t.Source == RowSource.Months) return MonthsNote(t.Code);
        if (t.Key != "PI.ODTFN" || F("PI.ODTFN")?.Breakdowns?.GetValueOrDefault("participations") is not { } p
            || !p.TryGetValue("total", out var total) || total == 0) return null;
        var two = p.GetValueOrDefault("two-or-more");
        return T($"{Percent(two, total)} delle presenze delle organizzazioni nei progetti ({Number(two)} su {Number(total)}) assolve due o più funzioni",
            $"{Percent(two, total)} of the organisations' places in the projects ({Number(two)} of {Number(total)}) fill two or more roles");
    }

    /// <summary>The seed's "117 incontri in 11 mesi (su 18 tavoli)", read off the recorded meetings month by month.</summary>
    private string? MonthsNote(string code)
    {
        if (F(code) is not { Value: { } meetings, Breakdown: { Count: > 0 } months } value) return null;
        var held = months.Count(m => m.Value > 0);
        var one = value.Base == 1;
        var unit = IndicatorCatalogue.ByCode[code].Kind == ActivityKind.Gruppo
            ? new LocalizedText(one ? "gruppo" : "gruppi", one ? "group" : "groups") : new LocalizedText(one ? "tavolo" : "tavoli", one ? "table" : "tables");
        return T($"{Number(meetings)} {(meetings == 1 ? "incontro registrato" : "incontri registrati")} in {Number(held)} {(held == 1 ? "mese" : "mesi")} (su {Number(value.Base)} {unit.It})",
            $"{Number(meetings)} recorded {(meetings == 1 ? "meeting" : "meetings")} in {Number(held)} {(held == 1 ? "month" : "months")} (on {Number(value.Base)} {unit.En})");
    }
}
