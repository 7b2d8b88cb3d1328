using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>The rules of a year's meeting events: each dated in its year, ending after it starts, with counts not negative and offices of the city.</summary>
public static class MeetingEventCheck
{
    public const int MaxEvents = 400, MaxPlace = 200, MaxDecisions = 4000, MaxId = 40;

    /// <param name="year">The year the events are given for (null: each in the year of its own date).</param>
    /// <param name="organisationType">The registry's type of an organisation id, null for an unknown one (not checked when absent).</param>
    internal static void Check(ActivityKind kind, int? year, IReadOnlyList<MeetingEvent?>? events, Territory city, List<ValidationError> errors,
        Func<string, string?>? organisationType = null)
    {
        if (events is null) return;
        if (events.Count > MaxEvents) errors.Add(Errors.TooLarge("events", MaxEvents, city));
        foreach (var twice in events.OfType<MeetingEvent>().GroupBy(e => e.Id ?? "").Where(g => g.Key.Length > 0 && g.Count() > 1))
            errors.Add(Errors.Duplicate("events.id", twice.Key, city));
        foreach (var e in events)
        {
            if (e is null) { errors.Add(Errors.Required("events", city)); continue; }
            // Ids are the activity's ("m1", "m2"…); one given by a file must read as one.
            if (e.Id is { Length: > 0 } id && (id.Length > MaxId || !Keys.GrainKeys.IsValidId(id))) errors.Add(Errors.Unknown("events.id", id, city));
            if (e.Date == default) errors.Add(Errors.Required("events.date", city));
            else if (year is { } y && e.Date.Year != y)
                errors.Add(Errors.Of("events.date", "same-year", $"l'incontro del {e.Date:dd/MM/yyyy} non è del {y}.", $"the meeting of {e.Date:yyyy-MM-dd} is not in {y}.", city));
            if (e.Start is { } start && e.End is { } end && end <= start)
                errors.Add(Errors.Of("events.end", "after-start", $"la fine ({end:HH\\:mm}) viene prima dell'inizio ({start:HH\\:mm}).", $"the end ({end:HH\\:mm}) is not after the start ({start:HH\\:mm}).", city));
            if (e.NextDate is { } next && next <= e.Date)
                errors.Add(Errors.Of("events.nextDate", "after-date", "il prossimo incontro viene dopo questo.", "the next meeting comes after this one.", city));
            if (e.Citizens is { } citizens)
            {
                if (kind != ActivityKind.Gruppo) errors.Add(Errors.NotApplicable("events.citizens", kind, city));
                else Count("events.citizens", citizens);
            }
            foreach (var (office, n) in e.Operators ?? new Dictionary<string, int>())
            {
                if (!city.Taxonomies.Offices.Has(office)) errors.Add(Errors.Unknown("events.operators", office, city));
                else Count("events.operators", n);
            }
            if (e.PlaceId is { } place && city.FindPlace(place) is null) errors.Add(Errors.Unknown("events.placeId", place, city));
            foreach (var o in e.Organisations ?? [])
            {
                if (string.IsNullOrEmpty(o)) errors.Add(Errors.Required("events.organisations", city));
                else if (organisationType is not null && organisationType(o) is null) errors.Add(Errors.Unknown("events.organisations", o, city));
            }
            Text("events.place", e.Place, MaxPlace, lines: false);
            Text("events.nextPlace", e.NextPlace, MaxPlace, lines: false);
            Text("events.decisions", e.Decisions, MaxDecisions, lines: true);
        }

        void Count(string field, int n)
        {
            if (n < 0) errors.Add(Errors.Negative(field, city));
            else if (n > ActivityRules.MaxCount) errors.Add(Errors.TooLarge(field, ActivityRules.MaxCount, city));
        }

        void Text(string field, string? text, int max, bool lines)
        {
            if (text is null) return;
            if (text.Length > max) errors.Add(Errors.TooLong(field, max));
            if (!ActivityRules.IsPlainText(text, lines)) errors.Add(Errors.ControlCharacters(field));
        }
    }
}
