using ActorWelfare.Access;
using ActorWelfare.Activities;
using ActorWelfare.Territories;

namespace ActorWelfare.Domain;

/// <summary>The one access rule for changes: only an operatore, and only in the quartieri assigned to them.</summary>
public static class AccessRule
{
    /// <summary>Why this caller may not run this command on this record, or null when they may (in the city's words when given).</summary>
    public static ValidationError? Refusal(Caller caller, ActivityRecord record, ActivityCommand command, Territory? city = null)
    {
        if (!caller.Holds(Roles.Operatore, record.City)) return Errors.NotAWriter();
        // A merge reaches the activities through the registry, on an administrator's behalf; nobody sends it by hand.
        if (command is ReplaceOrganisation) return Errors.Of("type", "registry-only",
            "le organizzazioni si uniscono dal registro (un amministratore), non dalla scheda di un'attività.",
            "organisations are merged in the registry (by an administrator), not on an activity.");
        // A deleted activity's quartieri still count: its id is not free for an operatore of another quartiere.
        var touched = (record.Version > 0 ? record.Profile.Quartieri : []).Concat(command switch
        {
            RegisterActivity r => (r.Profile?.Quartieri ?? []).Concat(r.ByYear?.Values.SelectMany(p => p?.Quartieri ?? []) ?? []),
            EditProfile e => e.Profile?.Quartieri ?? [],
            SaveActivity s => s.Profile?.Quartieri ?? [],
            MoveToQuartieri m => m.Quartieri ?? [],
            _ => [],
        });
        // A quartiere a reorganisation ended is looked after by the operatori of the one it became.
        string Today(string q) => city?.TodayOf(q)?.Id ?? q;
        var other = touched.Distinct().FirstOrDefault(q => !caller.MayWrite([$"{record.City}/{Today(q)}"]));
        if (other is not null) return Errors.NotAssigned(other, city);
        // An activity of the whole city is the city office's: operatori assigned the whole city ("city/*").
        var cityWide = (record.Version > 0 && record.AllProfiles().Any(p => p.CityWide)) || command switch
        {
            RegisterActivity r => r.Profile?.CityWide == true || (r.ByYear?.Values.Any(p => p?.CityWide == true) ?? false),
            EditProfile e => e.Profile?.CityWide == true,
            SaveActivity s => s.Profile?.CityWide == true,
            _ => false,
        };
        return cityWide && !caller.MayWrite([ActivityRecord.WholeCityKey(record.City)]) ? Errors.NotAssigned(ActivityRecord.WholeCity, city) : null;
    }

    /// <summary>
    /// The same rule year by year, on the change as applied: every quartiere the activity is or was in, in
    /// the years the change alters, must be the caller's (an activity that moved keeps its past where it was).
    /// </summary>
    public static ValidationError? YearsRefusal(Caller caller, ActivityRecord before, ActivityRecord after, Territory city)
    {
        string Today(string q) => city.TodayOf(q)?.Id ?? q;
        var years = DatedProfile.ChangedRecordYears(before, after, DatedProfile.YearsTouched(before).Union(DatedProfile.YearsTouched(after)));
        var touched = years.SelectMany(y => (before.IsActiveIn(y) ? before.ProfileFor(y).Quartieri : [])
            .Concat(after.IsActiveIn(y) ? after.ProfileFor(y).Quartieri : [])).Distinct();
        var other = touched.FirstOrDefault(q => !caller.MayWrite([$"{after.City}/{Today(q)}"]));
        if (other is not null) return Errors.NotAssigned(other, city);
        var cityWide = years.Any(y => (before.IsActiveIn(y) && before.ProfileFor(y).CityWide) || (after.IsActiveIn(y) && after.ProfileFor(y).CityWide));
        return cityWide && !caller.MayWrite([ActivityRecord.WholeCityKey(after.City)]) ? Errors.NotAssigned(ActivityRecord.WholeCity, city) : null;
    }
}
