using ActorWelfare.Activities;
using ActorWelfare.Organisations;

namespace ActorWelfare.Domain;

/// <summary>
/// An organisation's history read off the activity records: each year of each activity that named it (or one
/// of the ids merged into it), and the other organisations it shared those activity-years with.
/// </summary>
public static class OrganisationHistory
{
    /// <param name="ids">The organisation's id and the ids merged into it.</param>
    /// <param name="lastYear">Where an activity with no end year stops being counted (the current year).</param>
    public static (IReadOnlyList<OrganisationParticipation> Participations, IReadOnlyList<OrganisationTie> Ties) Of(
        IReadOnlySet<string> ids, IEnumerable<ActivityRecord> records, int lastYear)
    {
        var participations = new List<OrganisationParticipation>();
        var ties = new Dictionary<string, (int Shared, SortedSet<int> Years)>(StringComparer.Ordinal);
        foreach (var record in records.Where(r => r.Exists))
        {
            var end = Math.Min(record.Profile.EndYear ?? Math.Max(lastYear, record.Profile.StartYear), record.Profile.StartYear + 200);
            for (var year = record.Profile.StartYear; year <= end; year++)
            {
                if (!record.IsActiveIn(year)) continue;
                var profile = record.ProfileFor(year);
                var links = profile.Organisations ?? [];
                var own = links.Where(l => ids.Contains(l.OrganisationId)).ToList();
                if (own.Count == 0) continue;
                participations.Add(new OrganisationParticipation(year, record.Kind, record.Id, profile.Name, profile.Quartieri, profile.CityWide,
                    [.. own.SelectMany(l => l.Functions).Distinct()], own[0].OrganisationId));
                foreach (var other in links.Select(l => l.OrganisationId).Where(o => !ids.Contains(o)).Distinct())
                {
                    var (shared, years) = ties.GetValueOrDefault(other, (0, new SortedSet<int>()));
                    years.Add(year);
                    ties[other] = (shared + 1, years);
                }
            }
        }
        return (
            [.. participations.OrderByDescending(p => p.Year).ThenBy(p => p.Kind).ThenBy(p => p.ActivityName, StringComparer.CurrentCultureIgnoreCase)],
            [.. ties.Select(t => new OrganisationTie(t.Key, t.Value.Shared, [.. t.Value.Years]))
                .OrderByDescending(t => t.Shared).ThenBy(t => t.OrganisationId, StringComparer.Ordinal)]);
    }
}
