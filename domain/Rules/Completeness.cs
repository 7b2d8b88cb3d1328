using ActorWelfare.Activities;
using ActorWelfare.Territories;
using ActorWelfare.Years;

namespace ActorWelfare.Domain;

/// <summary>
/// Which activities of a year lack which field, per district and city-wide (pure). The activities counted are the
/// figures' own: active in the year and not left out of the aggregates; a field counts as reported exactly when the
/// figures count it in their base, so "volunteers reported by 62 progetti" here is PI.VOL's "su 62 progetti".
/// </summary>
public static class Completeness
{
    public static YearCompleteness Compute(Territory territory, int year, IEnumerable<ActivityRecord> records,
        IReadOnlyDictionary<string, DistrictSignOff> signOffs, bool closed)
    {
        var counted = records.Where(r => r.IsActiveIn(year) && !r.ProfileFor(year).ExcludedFromAggregates)
            .Select(r => (Record: r, Districts: DistrictsOf(r.ProfileFor(year)), Missing: Missing(r, year)))
            .OrderBy(a => a.Record.Kind).ThenBy(a => a.Record.Profile.Name, StringComparer.InvariantCulture).ThenBy(a => a.Record.Id, StringComparer.Ordinal)
            .ToList();
        var districts = territory.QuartieriIn(year).Select(q => q.Id).ToList();
        if (counted.Any(a => a.Districts.Contains(ActivityRecord.WholeCity))) districts.Add(ActivityRecord.WholeCity);
        DistrictCompleteness Of(string id, IEnumerable<(ActivityRecord Record, IReadOnlyList<string> Districts, IReadOnlyList<string> Missing)> these)
        {
            var list = these.ToList();
            var reported = list.SelectMany(a => YearCompleteness.Fields[a.Record.Kind].Except(a.Missing).Select(f => $"{Keys.GrainKeys.KindId(a.Record.Kind)}.{f}"))
                .GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var byKind = Enum.GetValues<ActivityKind>().ToDictionary(k => k, k => list.Count(a => a.Record.Kind == k));
            return new(id, byKind, list.Count(a => a.Missing.Count == 0), reported, signOffs.GetValueOrDefault(id));
        }
        return new YearCompleteness(territory.Id, year, closed,
            Of(ActivityRecord.WholeCity, counted) with { SignOff = null },
            [.. districts.Select(d => Of(d, counted.Where(a => a.Districts.Contains(d))))],
            [.. counted.Where(a => a.Missing.Count > 0).Select(a => new ActivityGaps(a.Record.Kind, a.Record.Id, a.Record.Profile.Name, a.Districts, a.Missing))]);
    }

    /// <summary>The fields of its kind the activity has not reported for the year.</summary>
    public static IReadOnlyList<string> Missing(ActivityRecord record, int year)
    {
        var profile = record.ProfileFor(year);
        var figures = record.FiguresFor(year);
        return [.. YearCompleteness.Fields[record.Kind].Where(field => !Reported(field, profile, figures))];
    }

    private static bool Reported(string field, ActivityProfile profile, YearFigures f) => field switch
    {
        "meetings" => MeetingFigures.Meetings(f) is not null,
        "operators" => MeetingFigures.Operators(f) is not null,
        "organisations" => profile.Organisations is not null,
        "beneficiaries" => f.Beneficiaries is not null,
        "beneficiariesInCarico" => f.BeneficiariesInCarico is not null,
        "volunteers" => f.Volunteers is not null,
        "organisationOperators" => f.OrganisationOperators is not null,
        "citizens" => f.Citizens is not null,
        "funders" => f.Funders is not null,
        "fundingClass" => f.FundingClass is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a field of the year"),
    };

    /// <summary>The districts an activity is counted in that year; "*" (the whole city) when it is of the whole city.</summary>
    private static IReadOnlyList<string> DistrictsOf(ActivityProfile p) =>
        p.CityWide || p.Quartieri.Count == 0 ? [.. p.Quartieri, ActivityRecord.WholeCity] : p.Quartieri;
}
