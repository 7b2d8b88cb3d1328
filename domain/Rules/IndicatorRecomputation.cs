using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// Computes every indicator directly from activity records, figure by figure. It shares no code with
/// the incremental path (<see cref="ContributionVector"/>, <see cref="IndicatorTotals"/>) beyond the
/// catalogue, so that <c>verify</c> can check the live figures against it. Breakdown entries that
/// come to zero are left out, in both paths.
/// </summary>
public static class IndicatorRecomputation
{
    public static IndicatorDocument Compute(Territory territory, int year, IEnumerable<ActivityRecord> activities, long version = 0)
    {
        // Each record as it was that year (its quartieri, organisations, themes… of the time).
        var active = activities.Where(a => a.City == territory.Id && a.IsActiveIn(year)).Select(a => a.AsOf(year)).ToList();
        var document = new IndicatorDocument
        {
            City = territory.Id, Year = year, Version = version, AsOf = DateTimeOffset.UnixEpoch,
            Indicators = Scope(active, territory, year),
        };
        foreach (var q in territory.QuartieriIn(year))
            document.Quartieri[q.Id] = Scope(active.Where(a => a.Profile.Quartieri.Contains(q.Id)).ToList(), territory, year);
        NetworkRecomputation.AddTo(document, active, territory);
        NetworkRecomputation.AddContinuity(document, [.. activities.Where(a => a.City == territory.Id)], year);
        return document;
    }

    private static SortedDictionary<string, IndicatorValue> Scope(List<ActivityRecord> all, Territory territory, int year)
    {
        var tax = territory.Taxonomies;
        List<ActivityRecord> Of(ActivityKind kind) => all.Where(a => a.Kind == kind && !a.Profile.ExcludedFromAggregates).ToList();
        int Excluded(ActivityKind kind) => all.Count(a => a.Kind == kind && a.Profile.ExcludedFromAggregates);
        var progetti = Of(ActivityKind.Progetto);
        var tavoli = Of(ActivityKind.Tavolo);
        var gruppi = Of(ActivityKind.Gruppo);
        YearFigures F(ActivityRecord a) => a.FiguresFor(year);
        var r = new SortedDictionary<string, IndicatorValue>(StringComparer.Ordinal);

        // Progetti inclusivi
        r["PI.TOT"] = new() { Value = progetti.Count, Excluded = Excluded(ActivityKind.Progetto), Breakdown = Counts(progetti.Select(p => p.Profile.PromoterLevel)) };
        r["PI.NEW"] = new() { Value = progetti.Count(p => p.Profile.StartYear == year), Base = progetti.Count };
        var pdz = progetti.Where(p => p.Profile.FromPdzLab == true).ToList();
        r["B3.01"] = new() { Value = pdz.Count, Breakdown = Counts(pdz.SelectMany(p => p.Profile.Quartieri.Distinct())) };
        r["B3.02"] = Distribution(pdz, p => p.Profile.NeedArea is { } n ? [n] : null);
        r["B3.03"] = Distribution(progetti, p => p.Profile.Reach is { } n ? [n] : null);
        var zoned = progetti.Where(p => p.Profile.Zones.Count > 0).ToList();
        r["B3.04"] = new()
        {
            Value = zoned.Count, Base = progetti.Count,
            Breakdown = NullIfEmpty(Counts(zoned.SelectMany(p => p.Profile.Zones.Distinct()))),
            Breakdowns = Named(("zone-count", Counts(zoned.Select(p => ZoneClass(p.Profile.Zones.Distinct().Count()))))),
        };
        var withBeneficiaries = progetti.Where(p => F(p).Beneficiaries is not null).ToList();
        r["PI.BEN"] = new()
        {
            Value = withBeneficiaries.Count > 0 ? withBeneficiaries.Sum(p => (long)F(p).Beneficiaries!.Value) : null,
            Base = withBeneficiaries.Count,
            Breakdown = NullIfEmpty(Sums(withBeneficiaries.SelectMany(p => p.Profile.Quartieri.Distinct().Select(q => (q, (long)F(p).Beneficiaries!.Value))))),
            Breakdowns = Named(("classes", Counts(withBeneficiaries.Select(p => tax.BeneficiaryClassOf(F(p).Beneficiaries!.Value))))),
        };
        var both = progetti.Where(p => F(p).Beneficiaries is not null && F(p).BeneficiariesInCarico is not null).ToList();
        long inCarico = both.Sum(p => (long)F(p).BeneficiariesInCarico!.Value), totale = both.Sum(p => (long)F(p).Beneficiaries!.Value);
        r["B3.05"] = new()
        {
            Value = both.Count > 0 ? inCarico : null, Base = both.Count,
            Breakdown = NullIfEmpty(Sums([("in-carico", inCarico), ("totale", totale)])),
            Breakdowns = Named(("classes-in-carico", Counts(progetti.Where(p => F(p).BeneficiariesInCarico is not null)
                .Select(p => tax.BeneficiaryClassOf(F(p).BeneficiariesInCarico!.Value))))),
        };
        r["B3.06"] = DistinctOrganisations(progetti, o => territory.Taxonomies.FindOrganisationType(o.Type)?.Id);
        r["PI.ODT"] = DistinctOrganisations(progetti, o => territory.Taxonomies.FindOrganisationType(o.Type)?.Group);
        r["PI.VOL"] = Sum(progetti, p => F(p).Volunteers);
        r["PI.OPS"] = Sum(progetti, p => F(p).OrganisationOperators);
        r["PI.ATT"] = Distribution(progetti, p => p.Profile.Activities);
        r["PI.STAFF"] = OfficeMeans(progetti, p => F(p).Operators);
        r["PI.SST"] = Distribution(progetti, p => p.Profile.SstFunctions);
        r["PI.PROM"] = Distribution(progetti, p => p.Profile.PromoterRoles);
        var odtfn = Distribution(progetti, p => p.Profile.Organisations?.Where(o => o.Functions.Count > 0).SelectMany(o => o.Functions).ToList() is { Count: > 0 } fns ? fns : null);
        var participations = progetti.SelectMany(p => p.Profile.Organisations ?? []).Where(o => o.Functions.Count > 0).ToList();
        r["PI.ODTFN"] = odtfn with
        {
            Breakdowns = Named(("participations", Sums([("total", participations.Count), ("two-or-more", participations.Count(o => o.Functions.Distinct().Count() >= 2))]))),
        };
        r["PI.TARGET"] = Distribution(progetti, p => p.Profile.Target is { } t ? [t] : null);
        r["PI.ACCESS"] = Distribution(progetti, p => p.Profile.AccessMode is { } t ? [t] : null);
        r["PI.FUND"] = Distribution(progetti, p => F(p).Funders);
        r["PI.FUNDSIZE"] = Distribution(progetti, p => F(p).FundingClass is { } t ? [t] : null);

        // Tavoli permanenti
        r["TP.TOT"] = new() { Value = tavoli.Count, Excluded = Excluded(ActivityKind.Tavolo), Breakdown = Counts(tavoli.Select(t => t.Profile.Status)) };
        r["B3.07"] = new() { Value = tavoli.Count, Breakdown = Counts(tavoli.SelectMany(t => t.Profile.Quartieri.Distinct())) };
        r["B3.08"] = Distribution(tavoli, t => t.Profile.Coordination is { } c ? [c] : null);
        r["B3.09"] = Distribution(tavoli, t => t.Profile.Themes);
        r["B3.10"] = Distribution(tavoli, t => t.Profile.Purposes);
        r["TP.YEAR"] = Distribution(tavoli, t => [t.Profile.StartYear.ToString(CultureInfo.InvariantCulture)]);
        r["TP.MEET"] = Sum(tavoli, t => MeetingFigures.Meetings(F(t)));
        r["TP.MONTH"] = Months(tavoli, t => F(t).Events);
        r["TP.OPS"] = OfficeMeans(tavoli, t => MeetingFigures.Operators(F(t)));
        r["TP.OPS.SST"] = Mean(tavoli, t => Office(F(t), "sst"));
        r["TP.OPS.SEST"] = Mean(tavoli, t => Office(F(t), "sest"));
        r["TP.OPS.RETI"] = Mean(tavoli, t => Office(F(t), "reti"));
        r["TP.ODT"] = DistinctOrganisations(tavoli, o => territory.Taxonomies.FindOrganisationType(o.Type)?.Group);

        // Gruppi di cittadini
        r["GC.TOT"] = new() { Value = gruppi.Count, Excluded = Excluded(ActivityKind.Gruppo), Breakdown = Counts(gruppi.Select(g => g.Profile.Status)) };
        r["B3.11"] = new() { Value = gruppi.Count, Breakdown = Counts(gruppi.SelectMany(g => g.Profile.Quartieri.Distinct())) };
        r["B3.12"] = Distribution(gruppi, g => g.Profile.Coordination is { } c ? [c] : null);
        r["B3.13"] = Distribution(gruppi, g => g.Profile.Themes);
        r["B3.14"] = Distribution(gruppi, g => g.Profile.Purposes);
        r["GC.MEET"] = Sum(gruppi, g => MeetingFigures.Meetings(F(g)));
        r["GC.MONTH"] = Months(gruppi, g => F(g).Events);
        r["GC.CIT"] = Sum(gruppi, g => F(g).Citizens);
        r["GC.ODT"] = DistinctOrganisations(gruppi, o => territory.Taxonomies.FindOrganisationType(o.Type)?.Group);
        r["GC.OPS"] = OfficeMeans(gruppi, g => MeetingFigures.Operators(F(g)));
        return r;
    }

    private static int? Office(YearFigures f, string office) =>
        MeetingFigures.Operators(f) is { } operators && operators.TryGetValue(office, out var n) ? n : null;

    private static string ZoneClass(int zones) => zones == 1 ? "1" : zones == 2 ? "2" : "3-o-piu";

    private static IndicatorValue Sum(List<ActivityRecord> items, Func<ActivityRecord, int?> figure)
    {
        var reported = items.Select(figure).Where(x => x is not null).Select(x => (long)x!.Value).ToList();
        return new() { Value = reported.Count > 0 ? reported.Sum() : null, Base = reported.Count };
    }

    /// <summary>Recorded meetings over the activities that recorded any, and how many fell in each month.</summary>
    private static IndicatorValue Months(List<ActivityRecord> items, Func<ActivityRecord, IReadOnlyList<MeetingEvent>?> events)
    {
        var recorded = items.Select(events).Where(e => e is { Count: > 0 }).Select(e => e!).ToList();
        return new()
        {
            Value = recorded.Count > 0 ? recorded.Sum(e => e.Count) : null, Base = recorded.Count,
            Breakdown = NullIfEmpty(Counts(recorded.SelectMany(e => e).Select(e => e.Date.ToString("MM", CultureInfo.InvariantCulture)))),
        };
    }

    private static IndicatorValue Mean(List<ActivityRecord> items, Func<ActivityRecord, int?> figure)
    {
        var reported = items.Select(figure).Where(x => x is not null).Select(x => (long)x!.Value).ToList();
        return new() { Value = reported.Count > 0 ? (double)reported.Sum() / reported.Count : null, Base = reported.Count };
    }

    private static IndicatorValue OfficeMeans(List<ActivityRecord> items, Func<ActivityRecord, IReadOnlyDictionary<string, int>?> operators)
    {
        var answered = items.Select(operators).Where(o => o is not null).Select(o => o!).ToList();
        var offices = answered.SelectMany(o => o).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        return new()
        {
            Value = null, Base = answered.Count,
            Breakdown = new(offices.ToDictionary(g => g.Key, g => (double)g.Sum(kv => (long)kv.Value) / g.Count()), StringComparer.Ordinal),
            Breakdowns = new(StringComparer.Ordinal) { ["base"] = new(offices.ToDictionary(g => g.Key, g => (double)g.Count()), StringComparer.Ordinal) },
        };
    }

    /// <summary>Activities that answered, and per value how many chose it (each value once per activity).</summary>
    private static IndicatorValue Distribution(List<ActivityRecord> items, Func<ActivityRecord, IReadOnlyList<string>?> answers)
    {
        var answered = items.Select(answers).Where(a => a is not null).Select(a => a!).ToList();
        return new() { Value = answered.Count, Base = answered.Count, Breakdown = Counts(answered.SelectMany(a => a.Distinct())) };
    }

    private static IndicatorValue DistinctOrganisations(List<ActivityRecord> items, Func<OrganisationLink, string?> group)
    {
        var reporting = items.Where(a => a.Profile.Organisations is not null).ToList();
        var organisations = reporting.SelectMany(a => a.Profile.Organisations!).DistinctBy(o => o.OrganisationId).ToList();
        return new()
        {
            Value = organisations.Count, Base = reporting.Count,
            Breakdown = Counts(organisations.Select(group)),
        };
    }

    private static SortedDictionary<string, double> Counts(IEnumerable<string?> ids) =>
        new(ids.Where(id => id is not null).GroupBy(id => id!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (double)g.Count()), StringComparer.Ordinal);

    private static SortedDictionary<string, double> Sums(IEnumerable<(string Id, long Amount)> entries) =>
        new(entries.GroupBy(e => e.Id, StringComparer.Ordinal).Select(g => (g.Key, Sum: g.Sum(e => e.Amount)))
            .Where(g => g.Sum != 0).ToDictionary(g => g.Key, g => (double)g.Sum), StringComparer.Ordinal);

    private static SortedDictionary<string, double>? NullIfEmpty(SortedDictionary<string, double> d) => d.Count > 0 ? d : null;

    private static SortedDictionary<string, SortedDictionary<string, double>>? Named(params (string Name, SortedDictionary<string, double> Entries)[] named)
    {
        var kept = named.Where(n => n.Entries.Count > 0).ToList();
        return kept.Count == 0 ? null : new(kept.ToDictionary(n => n.Name, n => n.Entries), StringComparer.Ordinal);
    }
}
