using ActorWelfare.Activities;
using ActorWelfare.Indicators;
using ActorWelfare.Keys;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// What one activity adds to one year's indicators, as a sparse vector of named numbers. Keys are
/// "scope|code|part": the scope is "*" for the city or a quartiere id; the part says how the number
/// is used (see <see cref="IndicatorTotals"/>):
/// <list type="bullet">
/// <item>"v" value, "base" base, "x" excluded;</item>
/// <item>"b:id" a breakdown entry; "k:name:id" an entry of a named further breakdown;</item>
/// <item>"m:office:sum" and "m:office:n" a per-office mean;</item>
/// <item>"d:set|member" membership of a distinct set ("" is the whole set), counted once however many
/// activities contribute it.</item>
/// </list>
/// An activity spanning several quartieri adds to each of them and once to the city.
/// </summary>
public static class ContributionVector
{
    public const string City = "*";

    /// <summary>
    /// The activity's vector in each of <paramref name="years"/> (null where it takes no part): what the activity grain
    /// sends each year's aggregator after a change, compared there with what it held.
    /// </summary>
    public static IReadOnlyList<(int Year, Dictionary<string, long>? Vector)> ByYear(ActivityRecord record, Territory territory, IEnumerable<int> years) =>
        [.. years.Distinct().Order().Select(year => (year, For(record, year, territory)))];

    /// <summary>The years among <paramref name="years"/> whose contribution differs between the two states of an activity.</summary>
    public static IReadOnlyList<int> ChangedYears(ActivityRecord before, ActivityRecord after, Territory territory, IEnumerable<int> years) =>
        [.. years.Distinct().Order().Where(year => !Same(For(before, year, territory), For(after, year, territory)))];

    private static bool Same(Dictionary<string, long>? a, Dictionary<string, long>? b) =>
        a is null || b is null ? a is null && b is null : a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>How many years before a year the network's continuity (NET.CONT) looks back.</summary>
    public const int ContinuityYears = 2;

    /// <summary>
    /// The vector of an activity for a year, or null when it takes no part in that year. An activity of the two
    /// years before takes part with its organisations of then only (NET.CONT's "d:y1" and "d:y2" sets), so that a
    /// year's aggregator knows who was active before without reading other years.
    /// </summary>
    public static Dictionary<string, long>? For(ActivityRecord record, int year, Territory territory)
    {
        var v = new Dictionary<string, long>(StringComparer.Ordinal);
        Before(v, record, year);
        if (!record.IsActiveIn(year)) return v.Count > 0 ? v : null;
        var activity = record.AsOf(year); // what the activity was that year: its quartieri, organisations, themes…
        foreach (var scope in ScopesOf(activity))
        {
            var add = new Adder(v, scope);
            var p = activity.Profile;
            if (p.ExcludedFromAggregates)
            {
                add.To(IndicatorCatalogue.TotalCode(activity.Kind), "x", 1);
                continue;
            }
            var figures = activity.FiguresFor(year);
            switch (activity.Kind)
            {
                case ActivityKind.Progetto: Progetto(add, activity, figures, year, territory); break;
                case ActivityKind.Tavolo: Tavolo(add, activity, figures, territory); break;
                case ActivityKind.Gruppo: Gruppo(add, activity, figures, territory); break;
            }
            Network(add, activity, territory, scope == City);
        }
        return v;
    }

    /// <summary>The city and the quartieri of the record's profile (call it on the record of a year, <see cref="ActivityRecord.AsOf"/>).</summary>
    public static IEnumerable<string> ScopesOf(ActivityRecord activity) =>
        activity.Profile.Quartieri.Distinct(StringComparer.Ordinal).Prepend(City);

    private static void Progetto(Adder add, ActivityRecord a, YearFigures f, int year, Territory territory)
    {
        var p = a.Profile;
        var tax = territory.Taxonomies;
        add.To("PI.TOT", "v", 1);
        if (p.PromoterLevel is { } level) add.To("PI.TOT", "b:" + level, 1);

        add.To("PI.NEW", "base", 1);
        if (p.StartYear == year) add.To("PI.NEW", "v", 1);

        if (p.FromPdzLab == true)
        {
            add.To("B3.01", "v", 1);
            foreach (var q in p.Quartieri.Distinct()) add.To("B3.01", "b:" + q, 1);
            if (p.NeedArea is { } need) add.Answer("B3.02", need);
        }
        if (p.Reach is { } reach) add.Answer("B3.03", reach);

        add.To("B3.04", "base", 1);
        var zones = p.Zones.Distinct().ToList();
        if (zones.Count > 0)
        {
            add.To("B3.04", "v", 1);
            foreach (var z in zones) add.To("B3.04", "b:" + z, 1);
            add.To("B3.04", "k:zone-count:" + ZoneCountClass(zones.Count), 1);
        }

        if (f.Beneficiaries is { } ben)
        {
            add.Reported("PI.BEN", ben);
            foreach (var q in p.Quartieri.Distinct()) add.To("PI.BEN", "b:" + q, ben);
            if (tax.BeneficiaryClassOf(ben) is { } cls) add.To("PI.BEN", "k:classes:" + cls, 1);
        }
        if (f.BeneficiariesInCarico is { } inCarico)
        {
            if (tax.BeneficiaryClassOf(inCarico) is { } cls) add.To("B3.05", "k:classes-in-carico:" + cls, 1);
            if (f.Beneficiaries is { } total)
            {
                add.Reported("B3.05", inCarico);
                add.To("B3.05", "b:in-carico", inCarico);
                add.To("B3.05", "b:totale", total);
            }
        }
        if (f.Volunteers is { } vol) add.Reported("PI.VOL", vol);
        if (f.OrganisationOperators is { } ops) add.Reported("PI.OPS", ops);
        add.Answers("PI.ATT", p.Activities);
        add.OfficeMeans("PI.STAFF", f.Operators);
        add.Answers("PI.SST", p.SstFunctions);
        add.Answers("PI.PROM", p.PromoterRoles);
        add.Organisations("B3.06", p.Organisations, territory, byType: true);
        add.Organisations("PI.ODT", p.Organisations, territory, byType: false);
        OrganisationFunctions(add, p.Organisations);
        if (p.Target is { } target) add.Answer("PI.TARGET", target);
        if (p.AccessMode is { } access) add.Answer("PI.ACCESS", access);
        add.Answers("PI.FUND", f.Funders);
        if (f.FundingClass is { } size) add.Answer("PI.FUNDSIZE", size);
    }

    private static void OrganisationFunctions(Adder add, IReadOnlyList<OrganisationLink>? organisations)
    {
        var withFunctions = (organisations ?? []).Where(o => o.Functions.Count > 0).ToList();
        if (withFunctions.Count == 0) return;
        add.Answers("PI.ODTFN", withFunctions.SelectMany(o => o.Functions).ToList());
        add.To("PI.ODTFN", "k:participations:total", withFunctions.Count);
        add.To("PI.ODTFN", "k:participations:two-or-more", withFunctions.Count(o => o.Functions.Distinct().Count() >= 2));
    }

    private static void Tavolo(Adder add, ActivityRecord a, YearFigures f, Territory territory)
    {
        var p = a.Profile;
        add.To("TP.TOT", "v", 1);
        add.To("TP.TOT", "b:" + p.Status, 1);
        add.To("B3.07", "v", 1);
        foreach (var q in p.Quartieri.Distinct()) add.To("B3.07", "b:" + q, 1);
        add.Answer("TP.YEAR", p.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (p.Coordination is { } coordination) add.Answer("B3.08", coordination);
        add.Answers("B3.09", p.Themes);
        add.Answers("B3.10", p.Purposes);
        if (MeetingFigures.Meetings(f) is { } meetings) add.Reported("TP.MEET", meetings);
        add.Months("TP.MONTH", f.Events);
        var operators = MeetingFigures.Operators(f);
        foreach (var (code, office) in IndicatorCatalogue.MeanOffice)
            if (operators is not null && operators.TryGetValue(office, out var n)) add.Reported(code, n);
        add.OfficeMeans("TP.OPS", operators); // every office of the city, whatever its offices are
        add.Organisations("TP.ODT", p.Organisations, territory, byType: false);
    }

    private static void Gruppo(Adder add, ActivityRecord a, YearFigures f, Territory territory)
    {
        var p = a.Profile;
        add.To("GC.TOT", "v", 1);
        add.To("GC.TOT", "b:" + p.Status, 1);
        add.To("B3.11", "v", 1);
        foreach (var q in p.Quartieri.Distinct()) add.To("B3.11", "b:" + q, 1);
        if (p.Coordination is { } coordination) add.Answer("B3.12", coordination);
        add.Answers("B3.13", p.Themes);
        add.Answers("B3.14", p.Purposes);
        if (MeetingFigures.Meetings(f) is { } meetings) add.Reported("GC.MEET", meetings);
        add.Months("GC.MONTH", f.Events);
        if (f.Citizens is { } citizens) add.Reported("GC.CIT", citizens);
        add.Organisations("GC.ODT", p.Organisations, territory, byType: false);
        add.OfficeMeans("GC.OPS", MeetingFigures.Operators(f));
    }

    /// <summary>
    /// The network of organisations (NET.*), from every kind of activity: who takes part (and in how many
    /// activities, read off the reference counts), with which resources, with a company or trade association,
    /// and every pair of organisations the activity ties together. City-wide only, the districts and kinds each
    /// organisation works in, for the "figure nodo".
    /// </summary>
    private static void Network(Adder add, ActivityRecord a, Territory territory, bool city)
    {
        if (a.Profile.Organisations is not { } links) return;
        var organisations = links.DistinctBy(o => o.OrganisationId).ToList();
        var types = organisations.Select(o => territory.Taxonomies.FindOrganisationType(o.Type)).ToList();
        add.To("NET.ORG", "base", 1);
        add.To("NET.FN", "base", 1);
        add.To("NET.FN", "v", organisations.Count);
        add.To("NET.PROFIT", "base", 1);
        if (links.Any(o => territory.Taxonomies.FindOrganisationType(o.Type)?.Profit == true))
        {
            add.To("NET.PROFIT", "v", 1);
            add.To("NET.PROFIT", "b:" + GrainKeys.KindId(a.Kind), 1);
        }
        for (var i = 0; i < organisations.Count; i++)
        {
            var id = organisations[i].OrganisationId;
            add.To("NET.ORG", "d:|" + id, 1);
            if (types[i] is { } type) add.To("NET.ORG", $"d:{type.Group}|{id}", 1);
            foreach (var function in organisations[i].Functions.Distinct()) add.To("NET.FN", "b:" + function, 1);
            if (!city) continue;
            foreach (var q in a.Profile.Quartieri.Distinct()) add.To("NET.NODO", $"d:{NetworkFigures.DistrictsOf}{id}|{q}", 1);
            add.To("NET.NODO", $"d:{NetworkFigures.KindsOf}{id}|{GrainKeys.KindId(a.Kind)}", 1);
        }
        var ids = organisations.Select(o => o.OrganisationId).Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < ids.Count; i++)
            for (var j = i + 1; j < ids.Count; j++) add.To("NET.DENS", $"d:|{NetworkFigures.Tie(ids[i], ids[j])}", 1);
    }

    /// <summary>The organisations the activity had in each of the <see cref="ContinuityYears"/> years before, where it was counted then.</summary>
    private static void Before(Dictionary<string, long> v, ActivityRecord record, int year)
    {
        for (var back = 1; back <= ContinuityYears; back++)
        {
            if (!record.IsActiveIn(year - back)) continue;
            var then = record.AsOf(year - back);
            if (then.Profile.ExcludedFromAggregates || then.Profile.Organisations is not { } links) continue;
            foreach (var scope in ScopesOf(then))
            {
                var add = new Adder(v, scope);
                foreach (var id in links.Select(o => o.OrganisationId).Distinct()) add.To("NET.CONT", $"d:{NetworkFigures.YearsBack(back)}|{id}", 1);
            }
        }
    }

    /// <summary>Graf. "su una o più zone": 1, 2, or 3 and more zones.</summary>
    public static string ZoneCountClass(int zones) => zones switch { 1 => "1", 2 => "2", _ => "3-o-piu" };

    private readonly struct Adder(Dictionary<string, long> vector, string scope)
    {
        public void To(string code, string part, long amount)
        {
            var key = $"{scope}|{code}|{part}";
            vector[key] = vector.GetValueOrDefault(key) + amount;
        }

        /// <summary>A figure the activity reported: adds to the sum and to the base.</summary>
        public void Reported(string code, long amount)
        {
            To(code, "v", amount);
            To(code, "base", 1);
        }

        /// <summary>Recorded meetings, in all and month by month (an activity without any reports none).</summary>
        public void Months(string code, IReadOnlyList<MeetingEvent>? events)
        {
            if (events is not { Count: > 0 }) return;
            Reported(code, events.Count);
            foreach (var e in events) To(code, "b:" + MeetingFigures.MonthId(e.Date.Month), 1);
        }

        /// <summary>A single-valued answer of a distribution.</summary>
        public void Answer(string code, string id)
        {
            To(code, "base", 1);
            To(code, "b:" + id, 1);
        }

        /// <summary>A multiple-answer question: each distinct answer counts once for this activity.</summary>
        public void Answers(string code, IReadOnlyList<string>? ids)
        {
            if (ids is null) return;
            To(code, "base", 1);
            foreach (var id in ids.Distinct()) To(code, "b:" + id, 1);
        }

        public void OfficeMeans(string code, IReadOnlyDictionary<string, int>? operators)
        {
            if (operators is null) return;
            To(code, "base", 1);
            foreach (var (office, n) in operators)
            {
                To(code, $"m:{office}:sum", n);
                To(code, $"m:{office}:n", 1);
            }
        }

        /// <summary>Distinct organisations: the whole set, and by type or by group (ets / altre).</summary>
        public void Organisations(string code, IReadOnlyList<OrganisationLink>? organisations, Territory territory, bool byType)
        {
            if (organisations is null) return;
            To(code, "base", 1);
            foreach (var org in organisations.DistinctBy(o => o.OrganisationId))
            {
                To(code, "d:|" + org.OrganisationId, 1);
                var type = territory.Taxonomies.FindOrganisationType(org.Type);
                if (type is null) continue;
                To(code, $"d:{(byType ? type.Id : type.Group)}|{org.OrganisationId}", 1);
            }
        }
    }
}
