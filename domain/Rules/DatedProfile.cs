using ActorWelfare.Activities;

namespace ActorWelfare.Domain;

/// <summary>
/// An activity's profile in time. The record keeps periods of years, each with one profile
/// (<see cref="ActivityRecord.ProfilesUntil"/>, then <see cref="ActivityRecord.Profile"/> for the rest).
/// A dated change is applied to the years from one year on (or up to another): earlier periods are kept,
/// a period the change starts in is split there, and neighbours that end up alike are merged again, so
/// a record has as many periods as it had different profiles, never one per year.
/// </summary>
public static class DatedProfile
{
    /// <summary>The years <see cref="First"/>..<see cref="Last"/> (inclusive) with one profile.</summary>
    public readonly record struct Period(int First, int Last, ActivityProfile Profile);

    /// <summary>The record's periods, oldest first: the first starts at <see cref="int.MinValue"/>, the last ends at <see cref="int.MaxValue"/>.</summary>
    public static List<Period> Periods(ActivityRecord r)
    {
        var periods = new List<Period>(r.ProfilesUntil.Count + 1);
        var first = int.MinValue;
        foreach (var (last, profile) in r.ProfilesUntil.OrderBy(p => p.Key))
        {
            periods.Add(new(first, last, profile));
            first = last + 1;
        }
        periods.Add(new(first, int.MaxValue, r.Profile));
        return periods;
    }

    /// <summary>
    /// The record with <paramref name="change"/> applied to the profile of every year from
    /// <paramref name="from"/> to <paramref name="until"/> (null: every later year). Name, description and
    /// span, which hold for every year, are taken from <paramref name="undated"/>.
    /// </summary>
    public static ActivityRecord Change(ActivityRecord r, int from, int? until, Func<ActivityProfile, ActivityProfile> change, ActivityProfile undated)
    {
        var last = until ?? int.MaxValue;
        var pieces = new List<Period>();
        foreach (var p in Periods(r))
        {
            if (p.First < from) pieces.Add(p with { Last = Math.Min(p.Last, from - 1) });
            var (a, b) = (Math.Max(p.First, from), Math.Min(p.Last, last));
            if (a <= b) pieces.Add(new(a, b, change(p.Profile)));
            if (p.Last > last) pieces.Add(p with { First = Math.Max(p.First, last + 1) });
        }
        return Build(r, pieces.Where(p => p.First <= p.Last), undated);
    }

    /// <summary>The record with one profile for every year.</summary>
    public static ActivityRecord ForEveryYear(ActivityRecord r, ActivityProfile profile) =>
        r with { Profile = profile, ProfilesUntil = ActivityRecord.NoEarlierProfiles };

    /// <summary>
    /// The periods as a record: every profile carries the undated fields, periods wholly outside the span
    /// are dropped (the one holding the last year of the span becomes the current profile), and
    /// neighbours with the same dated fields become one.
    /// </summary>
    private static ActivityRecord Build(ActivityRecord r, IEnumerable<Period> periods, ActivityProfile undated)
    {
        var kept = new List<Period>();
        foreach (var p in periods.OrderBy(p => p.First))
        {
            var profile = WithUndated(p.Profile, undated);
            if (p.Last < undated.StartYear && p.Last != int.MaxValue) continue;
            if (undated.EndYear is { } end && p.First > end && kept.Count > 0) break;
            if (kept.Count > 0 && SameDated(kept[^1].Profile, profile)) kept[^1] = kept[^1] with { Last = p.Last, Profile = profile };
            else kept.Add(p with { Profile = profile });
        }
        var until = new SortedDictionary<int, ActivityProfile>();
        for (var i = 0; i < kept.Count - 1; i++) until[kept[i].Last] = kept[i].Profile;
        return r with { Profile = kept[^1].Profile, ProfilesUntil = until.Count == 0 ? ActivityRecord.NoEarlierProfiles : until };
    }

    private static ActivityProfile WithUndated(ActivityProfile p, ActivityProfile undated) =>
        p.Name == undated.Name && p.Description == undated.Description && p.StartYear == undated.StartYear && p.EndYear == undated.EndYear
            ? p
            : p with { Name = undated.Name, Description = undated.Description, StartYear = undated.StartYear, EndYear = undated.EndYear };

    /// <summary>
    /// The edit that turns <paramref name="before"/> into <paramref name="after"/>, to apply to another
    /// year's profile: a field left as it was keeps that year's value; a changed single value is set; a
    /// changed list gets the same additions and removals (an organisation's functions follow the edit).
    /// Applied to <paramref name="before"/> itself it gives <paramref name="after"/>.
    /// </summary>
    public static Func<ActivityProfile, ActivityProfile> Edit(ActivityProfile before, ActivityProfile after) => target => target with
    {
        Quartieri = List(before.Quartieri, after.Quartieri, target.Quartieri)!,
        Zones = List(before.Zones, after.Zones, target.Zones)!,
        CityWide = Pick(before.CityWide, after.CityWide, target.CityWide),
        Status = Pick(before.Status, after.Status, target.Status),
        ExcludedFromAggregates = Pick(before.ExcludedFromAggregates, after.ExcludedFromAggregates, target.ExcludedFromAggregates),
        PromoterLevel = Pick(before.PromoterLevel, after.PromoterLevel, target.PromoterLevel),
        FromPdzLab = Pick(before.FromPdzLab, after.FromPdzLab, target.FromPdzLab),
        NeedArea = Pick(before.NeedArea, after.NeedArea, target.NeedArea),
        Reach = Pick(before.Reach, after.Reach, target.Reach),
        PromoterRoles = List(before.PromoterRoles, after.PromoterRoles, target.PromoterRoles),
        Activities = List(before.Activities, after.Activities, target.Activities),
        Target = Pick(before.Target, after.Target, target.Target),
        AccessMode = Pick(before.AccessMode, after.AccessMode, target.AccessMode),
        SstFunctions = List(before.SstFunctions, after.SstFunctions, target.SstFunctions),
        Coordination = Pick(before.Coordination, after.Coordination, target.Coordination),
        Themes = List(before.Themes, after.Themes, target.Themes),
        Purposes = List(before.Purposes, after.Purposes, target.Purposes),
        Organisations = Organisations(before.Organisations, after.Organisations, target.Organisations),
    };

    private static T Pick<T>(T before, T after, T target) => EqualityComparer<T>.Default.Equals(before, after) ? target : after;

    // A form shows "not reported" and "no" (or an empty list) alike and may send either back: between
    // those two an edit has changed nothing, and each year keeps its own value.
    private static bool? Pick(bool? before, bool? after, bool? target) => (before ?? false) == (after ?? false) ? target : after;

    private static IReadOnlyList<string>? List(IReadOnlyList<string>? before, IReadOnlyList<string>? after, IReadOnlyList<string>? target)
    {
        if (DatedFields.SameList(before, after) || (before is not { Count: > 0 } && after is not { Count: > 0 })) return target;
        if (before is null || after is null || target is null || DatedFields.SameList(before, target)) return after;
        var removed = before.Except(after).ToHashSet();
        return [.. target.Where(x => !removed.Contains(x)), .. after.Except(before).Where(x => !target.Contains(x))];
    }

    private static IReadOnlyList<OrganisationLink>? Organisations(IReadOnlyList<OrganisationLink>? before, IReadOnlyList<OrganisationLink>? after,
        IReadOnlyList<OrganisationLink>? target)
    {
        if (DatedFields.SameOrganisations(before, after) || (before is not { Count: > 0 } && after is not { Count: > 0 })) return target;
        if (before is null || after is null || target is null || DatedFields.SameOrganisations(before, target)) return after;
        var removed = before.Select(o => o.OrganisationId).Except(after.Select(o => o.OrganisationId)).ToHashSet();
        var changed = after.Where(a => !before.Any(b => DatedFields.SameLink(a, b))).ToDictionary(o => o.OrganisationId);
        var added = after.Where(a => before.All(b => b.OrganisationId != a.OrganisationId)).ToList();
        // New functions where the organisation takes part that year, and an organisation new in the edit is
        // added; one that a later year no longer has is not brought back by a change of its functions.
        var kept = target.Where(o => !removed.Contains(o.OrganisationId)).Select(o => changed.GetValueOrDefault(o.OrganisationId) ?? o).ToList();
        return [.. kept, .. added.Where(a => kept.All(k => k.OrganisationId != a.OrganisationId))];
    }

    /// <summary>
    /// The years among <paramref name="years"/> in which the two states of an activity differ in anything a
    /// year's figures or records read: taking part or not, the dated profile, the first and last year, the figures.
    /// </summary>
    public static IReadOnlyList<int> ChangedYears(ActivityRecord before, ActivityRecord after, IEnumerable<int> years) =>
        [.. years.Distinct().Order().Where(y => Differs(before, after, y) || OrganisationsBefore(before, y) != OrganisationsBefore(after, y))];

    /// <summary>
    /// The years among <paramref name="years"/> whose record itself differs (not those whose figures move only because
    /// the network's continuity reads the years before): who may make a change is decided on these.
    /// </summary>
    public static IReadOnlyList<int> ChangedRecordYears(ActivityRecord before, ActivityRecord after, IEnumerable<int> years) =>
        [.. years.Distinct().Order().Where(y => Differs(before, after, y))];

    /// <summary>
    /// Who took part, and where, in the years a year's network continuity reads (<see cref="ContributionVector.ContinuityYears"/>):
    /// a change there moves that year's figures too (NET.CONT), so a closed year refuses it.
    /// </summary>
    private static string OrganisationsBefore(ActivityRecord r, int year) => string.Join(";",
        Enumerable.Range(1, ContributionVector.ContinuityYears).Select(back => r.IsActiveIn(year - back) ? r.AsOf(year - back).Profile : null)
            .Select(p => p is null || p.ExcludedFromAggregates || p.Organisations is null ? "-"
                : string.Join(",", p.Quartieri.Order(StringComparer.Ordinal)) + ":" + string.Join(",", p.Organisations.Select(o => o.OrganisationId).Distinct().Order(StringComparer.Ordinal))));

    public static bool Differs(ActivityRecord before, ActivityRecord after, int year)
    {
        if (ProfileDiffers(before, after, year)) return true;
        if (!after.IsActiveIn(year)) return false;
        var (f, g) = (before.FiguresFor(year), after.FiguresFor(year));
        // A command leaves the figures of the years it does not touch as the same objects.
        return !ReferenceEquals(f, g) && Storage.ActivityJson.Write(f) != Storage.ActivityJson.Write(g);
    }

    /// <summary>True when the activity takes part in the year in one state and not the other, or its profile of that year differs.</summary>
    public static bool ProfileDiffers(ActivityRecord before, ActivityRecord after, int year)
    {
        bool was = before.IsActiveIn(year), @is = after.IsActiveIn(year);
        if (was != @is) return true;
        if (!was) return false;
        // The last year is not read by any figure of a year it includes (taking part or not is, above);
        // the first year is (new projects, the tavoli's year of activation).
        var (a, b) = (before.ProfileFor(year), after.ProfileFor(year));
        return a.StartYear != b.StartYear || !SameDated(a, b);
    }

    /// <summary>
    /// The years whose aggregates an activity's state can touch: its span up to next year (later
    /// years rebuild from the store when first asked for) and every year it has figures for.
    /// </summary>
    public static IEnumerable<int> YearsTouched(ActivityRecord r)
    {
        if (r.Version == 0) return [];
        // Two years past its end too: the network's continuity (NET.CONT) remembers who took part then.
        var last = Math.Min(r.Profile.EndYear is { } end ? end + ContributionVector.ContinuityYears : int.MaxValue, DateTime.UtcNow.Year + 1);
        var span = r.Profile.StartYear <= last ? Enumerable.Range(r.Profile.StartYear, Math.Min(last - r.Profile.StartYear + 1, 200)) : [];
        return span.Union(r.Years.Keys);
    }

    public static bool SameDated(ActivityProfile a, ActivityProfile b) => DatedFields.Same(a, b);
}
