using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>The rules of a year's meeting events: each dated in its year, ending after it starts, with counts not negative and offices of the city.</summary>
public static class MeetingEventCheck
{
    public const int MaxEvents = 400, MaxPlace = 200, MaxDecisions = 4000;

    /// <param name="organisationType">The registry's type of an organisation id, null for an unknown one (not checked when absent).</param>
    internal static void Check(ActivityKind kind, int? year, IReadOnlyList<MeetingEvent>? events, Territory city, List<ValidationError> errors,
        Func<string, string?>? organisationType = null)
    {
        if (events is null) return;
        if (events.Count > MaxEvents) errors.Add(Errors.TooLarge("events", MaxEvents, city));
        foreach (var twice in events.GroupBy(e => e.Id).Where(g => g.Key.Length > 0 && g.Count() > 1)) errors.Add(Errors.Duplicate("events.id", twice.Key, city));
        foreach (var e in events)
        {
            if (year is { } y && e.Date.Year != y)
                errors.Add(Errors.Of("events.date", "same-year", $"l'incontro del {e.Date:dd/MM/yyyy} non è del {y}.", $"the meeting of {e.Date:yyyy-MM-dd} is not in {y}.", city));
            if (e.Start is { } start && e.End is { } end && end <= start)
                errors.Add(Errors.Of("events.end", "after-start", $"la fine ({end:HH\\:mm}) viene prima dell'inizio ({start:HH\\:mm}).", $"the end ({end:HH\\:mm}) is not after the start ({start:HH\\:mm}).", city));
            if (e.NextDate is { } next && next <= e.Date)
                errors.Add(Errors.Of("events.nextDate", "after-date", "il prossimo incontro viene dopo questo.", "the next meeting comes after this one.", city));
            if (e.Citizens is { } citizens)
            {
                if (kind != ActivityKind.Gruppo) errors.Add(Errors.NotApplicable("events.citizens", kind, city));
                else if (citizens < 0) errors.Add(Errors.Negative("events.citizens", city));
            }
            foreach (var (office, n) in e.Operators ?? new Dictionary<string, int>())
            {
                if (!city.Taxonomies.Offices.Has(office)) errors.Add(Errors.Unknown("events.operators", office, city));
                else if (n < 0) errors.Add(Errors.Negative("events.operators", city));
            }
            if (e.PlaceId is { } place && city.FindPlace(place) is null) errors.Add(Errors.Unknown("events.placeId", place, city));
            foreach (var o in (e.Organisations ?? []).Where(o => organisationType?.Invoke(o) is null && organisationType is not null))
                errors.Add(Errors.Unknown("events.organisations", o, city));
            if (e.Place?.Length > MaxPlace) errors.Add(Errors.TooLong("events.place", MaxPlace));
            if (e.NextPlace?.Length > MaxPlace) errors.Add(Errors.TooLong("events.nextPlace", MaxPlace));
            if (e.Decisions?.Length > MaxDecisions) errors.Add(Errors.TooLong("events.decisions", MaxDecisions));
        }
    }
}
