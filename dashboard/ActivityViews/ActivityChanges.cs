using ActorWelfare.Activities;
using ActorWelfare.Dashboard.Localization;

namespace ActorWelfare.Dashboard.ActivityViews;

/// <summary>One line of a change: a labelled field, what it was (null when it was created) and what it became.</summary>
public sealed record ChangeLine(string Label, string? Before, string After);

/// <summary>
/// What one audit entry changed, as people read it. The audit keeps the whole record before and after
/// every change (<see cref="HistoryEntry"/>; the command's JSON is in <c>activity_audit.change</c>), so
/// the lines come from comparing the two records field by field, each field labelled and its ids turned
/// into names by <see cref="ActivityText"/>. A registration has no "before": its lines are what the
/// activity was created with.
/// </summary>
public static class ActivityChanges
{
    private static string Missing => "—";

    /// <summary>
    /// The lines of a change as it stands in <paramref name="year"/> (the first year it altered, for a dated
    /// change; null: the current profile).
    /// </summary>
    public static IReadOnlyList<ChangeLine> Describe(ActivityRecord? before, ActivityRecord after, ActivityText text, int? year = null)
    {
        if (year is { } y)
        {
            before = before?.AsOf(y);
            after = after.AsOf(y);
        }
        var created = before is null || before.Version == 0;
        var lines = new List<ChangeLine>();
        void Add(string label, string? was, string? now)
        {
            if (created) { if (now is not null) lines.Add(new(label, null, now)); }
            else if (was != now) lines.Add(new(label, was ?? Missing, now ?? Missing));
        }

        var (a, b) = (before?.Profile, after.Profile);
        Add(text.L("name"), a?.Name, b.Name);
        Add(text.L("description"), a?.Description, b.Description);
        Add(text.L("quartieri"), a is null ? null : text.Quartieri(a.Quartieri), text.Quartieri(b.Quartieri));
        Add(text.L("zones"), a is null || a.Zones.Count == 0 ? null : string.Join(", ", a.Zones.Select(text.ZoneName)),
            b.Zones.Count == 0 ? null : string.Join(", ", b.Zones.Select(text.ZoneName)));
        foreach (var field in text.ProfileFields(after.Kind))
        {
            // A flag left at its default says nothing about a new activity.
            if (created && field.Key == "excludedFromAggregates" && !b.ExcludedFromAggregates) continue;
            Add(field.Label, a is null ? null : field.Show(a), field.Show(b));
        }
        Organisations(a?.Organisations, b.Organisations, text, Add);
        Figures(before, after, text, Add);
        return lines;
    }

    private static void Organisations(IReadOnlyList<OrganisationLink>? was, IReadOnlyList<OrganisationLink>? now, ActivityText text, Action<string, string?, string?> add)
    {
        var label = text.L("organisations");
        if ((was is null) != (now is null) && (was ?? now)!.Count == 0)
            add(label, was is null ? null : Texts.T("nessuna", "none"), now is null ? null : Texts.T("nessuna", "none"));
        var absent = Texts.T("non partecipa", "not taking part");
        var ids = (was ?? []).Select(o => o.OrganisationId).Union((now ?? []).Select(o => o.OrganisationId));
        foreach (var id in ids)
        {
            var before = was?.FirstOrDefault(o => o.OrganisationId == id);
            var after = now?.FirstOrDefault(o => o.OrganisationId == id);
            add($"{text.L("organisations.organisationId")} «{text.OrganisationName(id)}»",
                before is null ? (was is null ? null : absent) : text.OrganisationFunctions(before.Functions),
                after is null ? absent : text.OrganisationFunctions(after.Functions));
        }
    }

    private static void Figures(ActivityRecord? before, ActivityRecord after, ActivityText text, Action<string, string?, string?> add)
    {
        var years = (before?.Years.Keys ?? []).Union(after.Years.Keys).Order();
        var offices = (before?.Years.Values ?? []).Concat(after.Years.Values).SelectMany(f => f.Operators?.Keys ?? []);
        var fields = text.FigureFields(offices);
        foreach (var year in years)
        {
            var was = before?.Years.GetValueOrDefault(year);
            var now = after.Years.GetValueOrDefault(year);
            foreach (var field in fields)
                add($"{ActivityText.Year(year)} · {field.Label}", was is null ? null : field.Show(was), now is null ? null : field.Show(now));
            // Each recorded meeting by its id: recorded, changed or removed.
            var gone = Texts.T("tolto", "removed");
            foreach (var id in (was?.Events ?? []).Select(e => e.Id).Union((now?.Events ?? []).Select(e => e.Id)))
            {
                var before1 = was?.Events?.FirstOrDefault(e => e.Id == id);
                var after1 = now?.Events?.FirstOrDefault(e => e.Id == id);
                add($"{ActivityText.Year(year)} · {text.L("events.id")} {id}", before1 is null ? null : text.MeetingSummary(before1), after1 is null ? gone : text.MeetingSummary(after1));
            }
        }
    }
}
