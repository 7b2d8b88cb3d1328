using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// The one place where a command is checked and applied. <c>organisationType</c> (a parameter of Check and Apply) gives
/// the registry type of an organisation id, or null when the city's registry does not know it.
/// </summary>
public static class ActivityRules
{
    public const int MaxName = 200, MaxDescription = 4000, MaxList = 100, MinYear = 2000, MaxYear = 2100;
    public const int MaxCount = 10_000_000;

    /// <summary>The problems of a command against the current record; empty when it may be applied.</summary>
    public static IReadOnlyList<ValidationError> Validate(ActivityRecord current, ActivityCommand command, long expectedVersion,
        Territory territory, Func<string, string?> organisationType) =>
        Judge(current, command, expectedVersion, territory, organisationType).Errors;

    /// <summary>Checks a command against the current record: allowed, or refused with its outcome and every problem.</summary>
    public static Verdict Judge(ActivityRecord current, ActivityCommand command, long expectedVersion,
        Territory territory, Func<string, string?> organisationType)
    {
        if (command is RegisterActivity)
        {
            if (current.Exists) return Verdict.Invalid([Errors.AlreadyExists()]);
        }
        else if (!current.Exists && command is not SaveActivity) return Verdict.NotFound(Errors.NotFound());
        if (expectedVersion != current.Version) return Verdict.Conflict(Errors.Conflict(expectedVersion, current.Version));

        var errors = new List<ValidationError>();
        var profileCheck = new ProfileCheck(current.Kind, territory, organisationType, errors);
        switch (command)
        {
            case RegisterActivity r:
                profileCheck.Check(r.Profile);
                foreach (var (year, profile) in r.ByYear ?? new Dictionary<int, ActivityProfile>())
                {
                    if (r.Profile is not null) CheckYear(r.Profile, year, "byYear", errors);
                    var ofYear = new List<ValidationError>();
                    new ProfileCheck(current.Kind, territory, organisationType, ofYear)
                        .Check(profile is null ? null : profile with { Name = r.Profile?.Name ?? "", StartYear = r.Profile?.StartYear ?? 0, EndYear = r.Profile?.EndYear });
                    errors.AddRange(ofYear.Select(e => OfYear(e, year)));
                }
                break;
            case EditProfile e:
                profileCheck.Check(e.Profile);
                if (e.Profile is null) break;
                foreach (var year in current.Years.Keys.Where(y => !InSpan(e.Profile, y)))
                    errors.Add(Errors.YearOutsideSpan("years", year, e.Profile.StartYear, e.Profile.EndYear));
                CheckFrom(e.Profile, e.FromYear, errors);
                CheckUntil(e.Profile, e.FromYear, e.UntilYear, errors);
                break;
            case SaveActivity save:
                profileCheck.Check(save.Profile);
                if (save.Profile is null) break;
                foreach (var year in current.Years.Keys.Where(y => y != save.Year && !InSpan(save.Profile, y)))
                    errors.Add(Errors.YearOutsideSpan("years", year, save.Profile.StartYear, save.Profile.EndYear));
                CheckYear(save.Profile, save.Year, "year", errors);
                if (current.Exists)
                {
                    CheckFrom(save.Profile, save.FromYear, errors);
                    CheckUntil(save.Profile, save.FromYear, save.UntilYear, errors);
                }
                if (save.Figures is null) errors.Add(Errors.Required("figures"));
                else
                {
                    FiguresCheck.Check(current.Kind, save.Figures, territory, errors, save.Year, organisationType);
                    foreach (var id in MeetingEvents.TakenElsewhere(current, save.Year, save.Figures.Events)) errors.Add(Errors.Duplicate("events.id", id, territory));
                }
                break;
            case RecordMeeting m:
                if (current.Kind == ActivityKind.Progetto) errors.Add(Errors.NotApplicable("meetings", current.Kind));
                CheckYear(current.Profile, m.Year, "year", errors);
                if (m.Count < 1) errors.Add(Errors.Required("count"));
                if (m.Count > 1000) errors.Add(Errors.TooLarge("count", 1000));
                if ((long)current.FiguresFor(m.Year).Meetings.GetValueOrDefault() + m.Count > MaxCount) errors.Add(Errors.TooLarge("meetings", MaxCount));
                // A year of recorded meetings counts them: one more without its date would be lost in the count.
                if (MeetingFigures.FromEvents(current.FiguresFor(m.Year)))
                    errors.Add(Errors.Of("meetings", "counted-from-events", "quest'anno gli incontri si contano da quelli registrati: registra l'incontro con la sua data.",
                        "this year's meetings are counted from those recorded: record the meeting with its date.", territory));
                break;
            case RecordEvent r:
                if (r.Event is null) { errors.Add(Errors.Required("events")); break; }
                MeetingEventCheck.Check(current.Kind, null, [r.Event], territory, errors, organisationType);
                if (r.Event.Date != default) CheckYear(current.Profile, r.Event.Date.Year, "events.date", errors);
                // A given id is one of the activity's meetings (of any year: a new date may move it to another).
                if (!string.IsNullOrEmpty(r.Event.Id) && Keys.GrainKeys.IsValidId(r.Event.Id) && MeetingEvents.YearOf(current, r.Event.Id) is null)
                    errors.Add(Errors.Unknown("events.id", r.Event.Id));
                if (string.IsNullOrEmpty(r.Event.Id) && (current.FiguresFor(r.Event.Date.Year).Events?.Count ?? 0) >= MeetingEventCheck.MaxEvents)
                    errors.Add(Errors.TooLarge("events", MeetingEventCheck.MaxEvents));
                break;
            case RemoveEvent x:
                CheckYear(current.Profile, x.Year, "year", errors);
                if ((current.FiguresFor(x.Year).Events ?? []).All(e => e.Id != x.EventId)) errors.Add(Errors.Unknown("events.id", x.EventId));
                break;
            case UpdateYearFigures u:
                CheckYear(current.Profile, u.Year, "year", errors);
                FiguresCheck.Check(current.Kind, u.Figures, territory, errors, u.Year, organisationType);
                foreach (var id in MeetingEvents.TakenElsewhere(current, u.Year, u.Figures?.Events)) errors.Add(Errors.Duplicate("events.id", id, territory));
                break;
            case AddOrganisation a:
                CheckFrom(current.Profile, a.FromYear, errors);
                profileCheck.CheckOrganisations([.. current.ProfileFor(a.FromYear ?? current.Profile.StartYear).Organisations?
                    .Where(o => o.OrganisationId != a.Link?.OrganisationId) ?? [], a.Link!]);
                break;
            case RemoveOrganisation r: CheckFrom(current.Profile, r.FromYear, errors); break;
            case ReplaceOrganisation r:
                CheckFrom(current.Profile, r.FromYear, errors);
                if (r.Into == r.OrganisationId) errors.Add(Errors.MergeIntoItself());
                else if (organisationType(r.Into) is null) errors.Add(Errors.UnknownOrganisation(r.Into));
                break;
            case ChangeStatus s:
                if (!territory.Taxonomies.Statuses.Has(s.Status)) errors.Add(Errors.Unknown("status", s.Status));
                CheckFrom(current.Profile, s.FromYear, errors);
                break;
            case MoveToQuartieri move:
                profileCheck.CheckPlace(move.Quartieri, move.Zones, current.Profile.CityWide);
                CheckFrom(current.Profile, move.FromYear, errors);
                break;
            case DeleteActivity: break;
            case ChangeKind k:
                if (k.NewKind == current.Kind)
                    errors.Add(Errors.Of("kind", "different", "l'attività è già di questo tipo.", "the activity is already of this kind."));
                break;
            default: throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }
        if (errors.Count == 0 && ChangesProfile(command))
            CheckInTime(current, Apply(current, command, organisationType) with { Version = current.Version + 1 }, territory, errors);
        return Verdict.Invalid(errors);
    }

    private static bool ChangesProfile(ActivityCommand command) =>
        command is RegisterActivity or EditProfile or SaveActivity or AddOrganisation or RemoveOrganisation or ReplaceOrganisation or ChangeStatus or MoveToQuartieri;

    /// <summary>
    /// The rules that depend on the year, checked on the result in every year it changes: each quartiere
    /// existed that year, and each zone is in one of that year's quartieri. A year the change leaves
    /// alone is not checked again, so old records made before a reorganisation do not block today's work.
    /// </summary>
    private static void CheckInTime(ActivityRecord current, ActivityRecord next, Territory territory, List<ValidationError> errors)
    {
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var checkedProfiles = new HashSet<ActivityProfile>(ReferenceEqualityComparer.Instance);
        foreach (var year in Breakpoints(current, next, territory))
        {
            if (!DatedProfile.ProfileDiffers(current, next, year)) continue;
            var then = next.ProfileFor(year);
            // Every rule of the profile, on each period the change produced (a per-field edit can meet a later
            // year's other values); organisations were checked against the registry when they were added.
            if (checkedProfiles.Add(then))
            {
                var periodErrors = new List<ValidationError>();
                new ProfileCheck(next.Kind, territory, _ => "", periodErrors).Check(then);
                foreach (var e in periodErrors.Where(e => reported.Add(e.Field + "|" + e.Rule))) errors.Add(OfYear(e, year) with { Field = e.Field });
            }
            foreach (var q in then.Quartieri)
                if (territory.FindQuartiere(q) is { } quartiere && !quartiere.ExistsIn(year) && reported.Add(q))
                    errors.Add(Errors.QuartiereNotInYear(quartiere, year, territory));
            foreach (var z in then.Zones)
                if (territory.QuartiereOfZone(z) is not null && !then.Quartieri.Any(q => territory.FindQuartiere(q)?.Zones.Any(x => x.Id == z) == true)
                    && reported.Add("zone:" + z))
                    errors.Add(Errors.ZoneOutsideQuartieri(z, territory, year));
        }
    }

    /// <summary>
    /// The first years of the stretches over which nothing the rules above read can change: where a period,
    /// a span or a quartiere begins or ends. Checking these years checks every year of the span (first one first).
    /// </summary>
    private static IEnumerable<int> Breakpoints(ActivityRecord current, ActivityRecord next, Territory territory)
    {
        var (first, last) = (Math.Max(next.Profile.StartYear, MinYear), Math.Min(next.Profile.EndYear ?? MaxYear, MaxYear));
        var points = new SortedSet<int> { first, current.Profile.StartYear };
        if (current.Profile.EndYear is { } end) points.Add(end + 1);
        foreach (var key in current.ProfilesUntil.Keys.Concat(next.ProfilesUntil.Keys)) points.Add(key + 1);
        foreach (var q in territory.AllQuartieri)
        {
            if (q.From is { } from) points.Add(from);
            if (q.Until is { } until) points.Add(until + 1);
        }
        return points.Where(y => y >= first && y <= last);
    }

    /// <summary>Applies a validated command; returns the same record when nothing changes.</summary>
    public static ActivityRecord Apply(ActivityRecord current, ActivityCommand command, Func<string, string?> organisationType)
    {
        var p = current.Profile;
        ActivityRecord From(int? from, Func<ActivityProfile, ActivityProfile> change) =>
            DatedProfile.Change(current, from ?? int.MinValue, null, change, p);
        return command switch
        {
            RegisterActivity r => Registered(current, r, organisationType),
            EditProfile { FromYear: null } e => DatedProfile.ForEveryYear(current, WithTypes(e.Profile, organisationType)),
            EditProfile e => DatedProfile.Change(current, e.FromYear.Value, e.UntilYear,
                DatedProfile.Edit(current.ProfileFor(e.FromYear.Value), WithTypes(e.Profile, organisationType)), e.Profile),
            SaveActivity save => Saved(current, save, organisationType),
            RecordMeeting m => WithYear(current, m.Year, f => f with { Meetings = f.Meetings.GetValueOrDefault() + m.Count }),
            RecordEvent r => MeetingEvents.Recorded(current, r.Event, WithYear),
            RemoveEvent x => WithYear(current, x.Year, f => f with { Events = [.. (f.Events ?? []).Where(e => e.Id != x.EventId)] }),
            // Figures given without events keep the year's events (a form of totals does not erase the minutes).
            UpdateYearFigures u => WithYear(current, u.Year, f => u.Figures with { Events = MeetingEvents.Numbered(current, u.Year, u.Figures.Events) ?? f.Events }),
            AddOrganisation a => From(a.FromYear, q => q with { Organisations = Added(q.Organisations, a.Link with { Type = organisationType(a.Link.OrganisationId) }) }),
            RemoveOrganisation r => From(r.FromYear, q => q.Organisations?.Any(o => o.OrganisationId == r.OrganisationId) == true
                ? q with { Organisations = [.. q.Organisations.Where(o => o.OrganisationId != r.OrganisationId)] }
                : q),
            ReplaceOrganisation r => From(r.FromYear, q => Replaced(q, r, organisationType(r.Into))),
            ChangeStatus s => From(s.FromYear, q => q with { Status = s.Status }),
            MoveToQuartieri move => From(move.FromYear, q => q with { Quartieri = move.Quartieri, Zones = move.Zones }),
            DeleteActivity or ChangeKind => current with { Deleted = true },
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
    }

    /// <summary>The organisation added to a year's list; where it already takes part, the functions given join its own.</summary>
    private static IReadOnlyList<OrganisationLink> Added(IReadOnlyList<OrganisationLink>? links, OrganisationLink link)
    {
        var list = links ?? [];
        return list.FirstOrDefault(o => o.OrganisationId == link.OrganisationId) is { } present
            ? [.. list.Select(o => o == present ? link with { Functions = [.. present.Functions.Union(link.Functions)] } : o)]
            : [.. list, link];
    }

    /// <summary>A year's profile naming the organisation merged into instead of the one merged (both: one link, functions joined).</summary>
    private static ActivityProfile Replaced(ActivityProfile q, ReplaceOrganisation r, string? intoType)
    {
        if (q.Organisations?.FirstOrDefault(o => o.OrganisationId == r.OrganisationId) is not { } merged) return q;
        var into = q.Organisations.FirstOrDefault(o => o.OrganisationId == r.Into);
        return q with
        {
            Organisations = into is null
                ? [.. q.Organisations.Select(o => o == merged ? new OrganisationLink(r.Into, merged.Functions, intoType) : o)] // in its place
                : [.. q.Organisations.Where(o => o != merged).Select(o => o == into ? into with { Functions = [.. into.Functions.Union(merged.Functions)] } : o)],
        };
    }

    /// <summary>
    /// What a registration starts from: nothing of an activity deleted under the same id (its figures and
    /// past profiles went with it), only its version, which goes on counting.
    /// </summary>
    private static ActivityRecord Fresh(ActivityRecord current) =>
        new() { City = current.City, Kind = current.Kind, Id = current.Id, Version = current.Version, UpdatedAt = current.UpdatedAt, UpdatedBy = current.UpdatedBy };

    private static ActivityRecord Registered(ActivityRecord current, RegisterActivity r, Func<string, string?> organisationType)
    {
        var profile = WithTypes(r.Profile, organisationType);
        var record = DatedProfile.ForEveryYear(Fresh(current), profile);
        foreach (var (year, then) in (r.ByYear ?? new Dictionary<int, ActivityProfile>()).OrderBy(y => y.Key))
            record = DatedProfile.Change(record, year, year, _ => WithTypes(then, organisationType), profile);
        return record;
    }

    /// <summary>The record as another kind: the profile fields and figures that kind does not use are dropped.</summary>
    public static ActivityRecord AsKind(ActivityRecord r, ActivityKind kind)
    {
        ActivityProfile Convert(ActivityProfile p) => kind == ActivityKind.Progetto
            ? p with { Coordination = null, Themes = null, Purposes = null }
            : p with
            {
                PromoterLevel = null, FromPdzLab = null, NeedArea = null, Reach = null, PromoterRoles = null,
                Activities = null, Target = null, AccessMode = null, SstFunctions = null,
            };
        // Citizens present are a gruppo's: a meeting keeps them only when the activity stays one.
        IReadOnlyList<MeetingEvent>? Events(YearFigures f) => kind == ActivityKind.Gruppo || f.Events is null ? f.Events : [.. f.Events.Select(e => e with { Citizens = null })];
        YearFigures Figures(YearFigures f) => kind == ActivityKind.Progetto
            ? f with { Meetings = null, Citizens = null, Events = Events(f) }
            : f with
            {
                Beneficiaries = null, BeneficiariesInCarico = null, Volunteers = null, OrganisationOperators = null,
                Funders = null, FundingClass = null, Citizens = kind == ActivityKind.Gruppo ? f.Citizens : null, Events = Events(f),
            };
        return r with
        {
            Kind = kind, Profile = Convert(r.Profile), Deleted = false,
            ProfilesUntil = new SortedDictionary<int, ActivityProfile>(r.ProfilesUntil.ToDictionary(p => p.Key, p => Convert(p.Value))),
            Years = new SortedDictionary<int, YearFigures>(r.Years.ToDictionary(y => y.Key, y => Figures(y.Value))),
        };
    }

    /// <summary>
    /// Text people can read: no control characters (NUL, escapes, bells), which no form produces and
    /// PostgreSQL refuses to store; a description may have line breaks and tabs.
    /// </summary>
    public static bool IsPlainText(string text, bool lines) =>
        !text.Any(c => char.IsControl(c) && !(lines && c is '\n' or '\r' or '\t'));

    public static bool InSpan(ActivityProfile p, int year) => year >= p.StartYear && (p.EndYear is null || year <= p.EndYear);

    private static void CheckYear(ActivityProfile p, int year, string field, List<ValidationError> errors)
    {
        if (!InSpan(p, year)) errors.Add(Errors.YearOutsideSpan(field, year, p.StartYear, p.EndYear));
    }

    /// <summary>A change up to a year: after the year it starts from, and one of the activity's.</summary>
    private static void CheckUntil(ActivityProfile p, int? from, int? until, List<ValidationError> errors)
    {
        if (until is not { } last) return;
        if (from is not { } first) errors.Add(Errors.Required("fromYear"));
        else if (last < first) errors.Add(Errors.Of("untilYear", "not-before-from", $"non può precedere l'anno {first}.", $"cannot be before {first}."));
        else CheckYear(p, last, "untilYear", errors);
    }

    /// <summary>An error about one year's profile: its field says the year ("byYear.2015.themes"), its message too.</summary>
    private static ValidationError OfYear(ValidationError e, int year) =>
        e with { Field = $"byYear.{year}.{e.Field}", MessageIt = $"{e.MessageIt} (anno {year})", MessageEn = $"{e.MessageEn} (year {year})" };

    /// <summary>A change from a year on: the year must be one of the activity's.</summary>
    private static void CheckFrom(ActivityProfile p, int? from, List<ValidationError> errors)
    {
        if (from is { } year) CheckYear(p, year, "fromYear", errors);
    }

    /// <summary>
    /// A form's save: the profile as edited in the save's year; its changes apply from the save's
    /// FromYear on (without one, to the whole span); then the year's figures.
    /// </summary>
    private static ActivityRecord Saved(ActivityRecord current, SaveActivity save, Func<string, string?> organisationType)
    {
        var edited = WithTypes(save.Profile, organisationType);
        var record = !current.Exists ? DatedProfile.ForEveryYear(Fresh(current), edited)
            : save.FromYear is null ? DatedProfile.ForEveryYear(current, edited)
            : DatedProfile.Change(current, save.FromYear.Value, save.UntilYear, DatedProfile.Edit(current.ProfileFor(save.ProfileYear ?? save.Year), edited), edited);
        return WithFigures(record, save);
    }

    private static ActivityRecord WithYear(ActivityRecord current, int year, Func<YearFigures, YearFigures> change)
    {
        var years = new SortedDictionary<int, YearFigures>(current.Years.ToDictionary()) { [year] = change(current.FiguresFor(year)) };
        return current with { Years = years };
    }

    /// <summary>The year's figures as saved; a year that had none stays absent when none are given.</summary>
    private static ActivityRecord WithFigures(ActivityRecord current, SaveActivity save) =>
        !current.Years.ContainsKey(save.Year) && IsEmpty(save.Figures) ? current : WithYear(current, save.Year, f => save.Figures with { Events = MeetingEvents.Numbered(current, save.Year, save.Figures.Events) ?? f.Events });

    /// <summary>Whether a year's figures report nothing at all (the alerts' "missing figures" reads it too).</summary>
    internal static bool IsEmpty(YearFigures f) =>
        f.Meetings is null && f.Beneficiaries is null && f.BeneficiariesInCarico is null && f.Volunteers is null
        && f.OrganisationOperators is null && f.Citizens is null && f.FundingClass is null
        && (f.Operators is null || f.Operators.Count == 0) && (f.Funders is null || f.Funders.Count == 0) && (f.Events is null || f.Events.Count == 0);

    private static ActivityProfile WithTypes(ActivityProfile p, Func<string, string?> organisationType) =>
        p.Organisations is null ? p : p with { Organisations = [.. p.Organisations.Select(o => o with { Type = organisationType(o.OrganisationId) })] };
}
