using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>
/// The one place where a command is checked and applied. <paramref name="organisationType"/> gives
/// the registry type of an organisation id, or null when the city's registry does not know it.
/// </summary>
public static class ActivityRules
{
    public const int MaxName = 200, MaxDescription = 4000, MaxList = 100, MinYear = 2000, MaxYear = 2100;
    public const int MaxCount = 10_000_000;

    /// <summary>Checks a command against the current record; empty when it may be applied.</summary>
    public static IReadOnlyList<ValidationError> Validate(ActivityRecord current, ActivityCommand command, long expectedVersion,
        Territory territory, Func<string, string?> organisationType)
    {
        if (command is RegisterActivity)
        {
            if (current.Exists) return [Errors.AlreadyExists()];
        }
        else if (!current.Exists && command is not SaveActivity) return [Errors.NotFound()];
        if (expectedVersion != current.Version) return [Errors.Conflict(expectedVersion, current.Version)];

        var errors = new List<ValidationError>();
        var profileCheck = new ProfileCheck(current.Kind, territory, organisationType, errors);
        switch (command)
        {
            case RegisterActivity r: profileCheck.Check(r.Profile); break;
            case EditProfile e:
                profileCheck.Check(e.Profile);
                foreach (var year in current.Years.Keys.Where(y => !InSpan(e.Profile, y)))
                    errors.Add(Errors.YearOutsideSpan("years", year, e.Profile.StartYear, e.Profile.EndYear));
                break;
            case SaveActivity save:
                profileCheck.Check(save.Profile);
                if (save.Profile is null) break;
                foreach (var year in current.Years.Keys.Where(y => y != save.Year && !InSpan(save.Profile, y)))
                    errors.Add(Errors.YearOutsideSpan("years", year, save.Profile.StartYear, save.Profile.EndYear));
                CheckYear(save.Profile, save.Year, "year", errors);
                if (save.Figures is null) errors.Add(Errors.Required("figures"));
                else FiguresCheck.Check(current.Kind, save.Figures, territory, errors);
                break;
            case RecordMeeting m:
                if (current.Kind == ActivityKind.Progetto) errors.Add(Errors.NotApplicable("meetings", current.Kind));
                CheckYear(current.Profile, m.Year, "year", errors);
                if (m.Count < 1) errors.Add(Errors.Required("count"));
                if (m.Count > 1000) errors.Add(Errors.TooLarge("count", 1000));
                if ((long)current.FiguresFor(m.Year).Meetings.GetValueOrDefault() + m.Count > MaxCount) errors.Add(Errors.TooLarge("meetings", MaxCount));
                break;
            case UpdateYearFigures u:
                CheckYear(current.Profile, u.Year, "year", errors);
                FiguresCheck.Check(current.Kind, u.Figures, territory, errors);
                break;
            case AddOrganisation a: profileCheck.CheckOrganisations([.. current.Profile.Organisations ?? [], a.Link]); break;
            case RemoveOrganisation: break;
            case ChangeStatus s:
                if (!territory.Taxonomies.Statuses.Has(s.Status)) errors.Add(Errors.Unknown("status", s.Status));
                break;
            case MoveToQuartieri move: profileCheck.CheckPlace(move.Quartieri, move.Zones); break;
            case DeleteActivity: break;
            case ChangeKind k:
                if (k.NewKind == current.Kind)
                    errors.Add(Errors.Of("kind", "different", "l'attività è già di questo tipo.", "the activity is already of this kind."));
                break;
            default: throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }
        return errors;
    }

    /// <summary>Applies a validated command; returns the same record when nothing changes.</summary>
    public static ActivityRecord Apply(ActivityRecord current, ActivityCommand command, Func<string, string?> organisationType)
    {
        var p = current.Profile;
        return command switch
        {
            RegisterActivity r => current with { Profile = WithTypes(r.Profile, organisationType), Deleted = false },
            EditProfile e => current with { Profile = WithTypes(e.Profile, organisationType) },
            SaveActivity save => Saved(current with { Profile = WithTypes(save.Profile, organisationType), Deleted = false }, save),
            RecordMeeting m => WithYear(current, m.Year, f => f with { Meetings = f.Meetings.GetValueOrDefault() + m.Count }),
            UpdateYearFigures u => WithYear(current, u.Year, _ => u.Figures),
            AddOrganisation a => current with
            {
                Profile = p with
                {
                    Organisations = [.. (p.Organisations ?? []).Where(o => o.OrganisationId != a.Link.OrganisationId),
                                     a.Link with { Type = organisationType(a.Link.OrganisationId) }],
                },
            },
            RemoveOrganisation r => p.Organisations?.Any(o => o.OrganisationId == r.OrganisationId) == true
                ? current with { Profile = p with { Organisations = [.. p.Organisations.Where(o => o.OrganisationId != r.OrganisationId)] } }
                : current,
            ChangeStatus s => current with { Profile = p with { Status = s.Status } },
            MoveToQuartieri move => current with { Profile = p with { Quartieri = move.Quartieri, Zones = move.Zones } },
            DeleteActivity or ChangeKind => current with { Deleted = true },
            _ => throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command)),
        };
    }

    /// <summary>The record as another kind: the profile fields and figures that kind does not use are dropped.</summary>
    public static ActivityRecord AsKind(ActivityRecord r, ActivityKind kind)
    {
        var p = r.Profile;
        var profile = kind == ActivityKind.Progetto
            ? p with { Coordination = null, Themes = null, Purposes = null }
            : p with
            {
                PromoterLevel = null, FromPdzLab = null, NeedArea = null, Reach = null, PromoterRoles = null,
                Activities = null, Target = null, AccessMode = null, SstFunctions = null,
            };
        YearFigures Figures(YearFigures f) => kind == ActivityKind.Progetto
            ? f with { Meetings = null, Citizens = null }
            : f with
            {
                Beneficiaries = null, BeneficiariesInCarico = null, Volunteers = null, OrganisationOperators = null,
                Funders = null, FundingClass = null, Citizens = kind == ActivityKind.Gruppo ? f.Citizens : null,
            };
        return r with
        {
            Kind = kind, Profile = profile, Deleted = false,
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

    private static ActivityRecord WithYear(ActivityRecord current, int year, Func<YearFigures, YearFigures> change)
    {
        var years = new SortedDictionary<int, YearFigures>(current.Years.ToDictionary()) { [year] = change(current.FiguresFor(year)) };
        return current with { Years = years };
    }

    /// <summary>The year's figures as saved; a year that had none stays absent when none are given.</summary>
    private static ActivityRecord Saved(ActivityRecord current, SaveActivity save) =>
        !current.Years.ContainsKey(save.Year) && IsEmpty(save.Figures) ? current : WithYear(current, save.Year, _ => save.Figures);

    private static bool IsEmpty(YearFigures f) =>
        f.Meetings is null && f.Beneficiaries is null && f.BeneficiariesInCarico is null && f.Volunteers is null
        && f.OrganisationOperators is null && f.Citizens is null && f.FundingClass is null
        && (f.Operators is null || f.Operators.Count == 0) && (f.Funders is null || f.Funders.Count == 0);

    private static ActivityProfile WithTypes(ActivityProfile p, Func<string, string?> organisationType) =>
        p.Organisations is null ? p : p with { Organisations = [.. p.Organisations.Select(o => o with { Type = organisationType(o.OrganisationId) })] };
}
