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
        if (!caller.Has(Roles.Operatore)) return Errors.NotAWriter();
        var touched = (record.Exists ? record.Profile.Quartieri : []).Concat(command switch
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
        return other is null ? null : Errors.NotAssigned(other, city);
    }
}
