using System.Text.Json.Serialization;

namespace ActorWelfare.Activities;

/// <summary>
/// A change to one activity. Every command is validated by the domain before it is applied. In JSON
/// the kind of command is the "type" property (docs/api.md).
/// </summary>
[DataContract(Name = "ActivityCommand")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RegisterActivity), "register")]
[JsonDerivedType(typeof(EditProfile), "editProfile")]
[JsonDerivedType(typeof(SaveActivity), "save")]
[JsonDerivedType(typeof(RecordMeeting), "recordMeeting")]
[JsonDerivedType(typeof(RecordEvent), "recordEvent")]
[JsonDerivedType(typeof(RemoveEvent), "removeEvent")]
[JsonDerivedType(typeof(UpdateYearFigures), "updateYearFigures")]
[JsonDerivedType(typeof(AddOrganisation), "addOrganisation")]
[JsonDerivedType(typeof(RemoveOrganisation), "removeOrganisation")]
[JsonDerivedType(typeof(ReplaceOrganisation), "replaceOrganisation")]
[JsonDerivedType(typeof(ChangeStatus), "changeStatus")]
[JsonDerivedType(typeof(MoveToQuartieri), "moveToQuartieri")]
[JsonDerivedType(typeof(ChangeKind), "changeKind")]
[JsonDerivedType(typeof(DeleteActivity), "delete")]
public abstract record ActivityCommand;

// Dates. Name, description and span hold for every year; every other profile field is dated. A
// command that changes dated fields says from which year it applies (FromYear): that year and the
// following ones change, earlier years keep what they were. Without FromYear the change applies to
// the activity's whole span (what programs that load whole records use); the web doors fill in the
// city's current year. Details and examples: docs/time.md.

/// <summary>
/// A new activity: <see cref="Profile"/> for every year of its span, except the years in
/// <see cref="ByYear"/>, which had another profile (their name, description and span are the profile's).
/// </summary>
[DataContract(Name = "RegisterActivity")]
public sealed record RegisterActivity(
    [property: DataMember(Order = 0)] ActivityProfile Profile,
    [property: DataMember(Order = 1)] IReadOnlyDictionary<int, ActivityProfile>? ByYear = null) : ActivityCommand;

/// <summary>
/// A new profile. With <see cref="FromYear"/>, the fields that differ from that year's profile take their new
/// value in that year and in each following one up to <see cref="UntilYear"/> (null: every following year);
/// fields left as they were keep, in each year, what that year had. Without it, the whole span gets this profile.
/// </summary>
[DataContract(Name = "EditProfile")]
public sealed record EditProfile(
    [property: DataMember(Order = 0)] ActivityProfile Profile,
    [property: DataMember(Order = 1)] int? FromYear = null,
    [property: DataMember(Order = 2)] int? UntilYear = null) : ActivityCommand;

/// <summary>
/// A form's save as one change: the profile as edited and <see cref="Year"/>'s figures, registering the
/// activity when it does not exist yet. The profile's changes (against the profile of <see cref="ProfileYear"/>,
/// the year the form showed, by default <see cref="Year"/>) apply from <see cref="FromYear"/> to
/// <see cref="UntilYear"/> (null: the whole span; every following year). Checked as a whole (every problem
/// at once) and applied as one version, so a save is either all stored or nothing is.
/// </summary>
[DataContract(Name = "SaveActivity")]
public sealed record SaveActivity(
    [property: DataMember(Order = 0)] ActivityProfile Profile,
    [property: DataMember(Order = 1)] int Year,
    [property: DataMember(Order = 2)] YearFigures Figures,
    [property: DataMember(Order = 3)] int? FromYear = null,
    [property: DataMember(Order = 4)] int? UntilYear = null,
    [property: DataMember(Order = 5)] int? ProfileYear = null) : ActivityCommand;

/// <summary>Adds meetings held in a year (usually one).</summary>
[DataContract(Name = "RecordMeeting")]
public sealed record RecordMeeting([property: DataMember(Order = 0)] int Year, [property: DataMember(Order = 1)] int Count = 1) : ActivityCommand;

/// <summary>Records a meeting in the year of its date: a new one (no id; the grain gives it one), or the one with its id, replaced.</summary>
[DataContract(Name = "RecordEvent")]
public sealed record RecordEvent([property: DataMember(Order = 0)] MeetingEvent Event) : ActivityCommand;

/// <summary>Removes a recorded meeting of a year.</summary>
[DataContract(Name = "RemoveEvent")]
public sealed record RemoveEvent([property: DataMember(Order = 0)] int Year, [property: DataMember(Order = 1)] string EventId) : ActivityCommand;

/// <summary>Replaces the figures of one year.</summary>
[DataContract(Name = "UpdateYearFigures")]
public sealed record UpdateYearFigures([property: DataMember(Order = 0)] int Year, [property: DataMember(Order = 1)] YearFigures Figures) : ActivityCommand;

/// <summary>Adds an organisation from a year on; where it already takes part, the functions given join its own.</summary>
[DataContract(Name = "AddOrganisation")]
public sealed record AddOrganisation([property: DataMember(Order = 0)] OrganisationLink Link, [property: DataMember(Order = 1)] int? FromYear = null) : ActivityCommand;

/// <summary>Removes an organisation from a year on.</summary>
[DataContract(Name = "RemoveOrganisation")]
public sealed record RemoveOrganisation([property: DataMember(Order = 0)] string OrganisationId, [property: DataMember(Order = 1)] int? FromYear = null) : ActivityCommand;

/// <summary>
/// Names <paramref name="Into"/> instead of <paramref name="OrganisationId"/> from a year on (their functions
/// joined where both took part): how a merge of two organisations reaches the activities. Only the
/// registry sends it, on behalf of the administrator who merged (<paramref name="By"/>, named in the audit).
/// </summary>
[DataContract(Name = "ReplaceOrganisation")]
public sealed record ReplaceOrganisation(
    [property: DataMember(Order = 0)] string OrganisationId,
    [property: DataMember(Order = 1)] string Into,
    [property: DataMember(Order = 2)] int FromYear,
    [property: DataMember(Order = 3)] Actor? By = null) : ActivityCommand;

[DataContract(Name = "ChangeStatus")]
public sealed record ChangeStatus([property: DataMember(Order = 0)] string Status, [property: DataMember(Order = 1)] int? FromYear = null) : ActivityCommand;

/// <summary>Moves the activity to other quartieri and zones from a year on; earlier years stay counted where they were.</summary>
[DataContract(Name = "MoveToQuartieri")]
public sealed record MoveToQuartieri(
    [property: DataMember(Order = 0)] IReadOnlyList<string> Quartieri,
    [property: DataMember(Order = 1)] IReadOnlyList<string> Zones,
    [property: DataMember(Order = 2)] int? FromYear = null) : ActivityCommand;

/// <summary>
/// Turns the activity into another kind (for example a gruppo that became a progetto): the record
/// moves to the new kind with the fields that kind uses, and this one is deleted.
/// </summary>
[DataContract(Name = "ChangeKind")]
public sealed record ChangeKind([property: DataMember(Order = 0)] ActivityKind NewKind) : ActivityCommand;

[DataContract(Name = "DeleteActivity")]
public sealed record DeleteActivity : ActivityCommand;

/// <summary>Who asks for a change (handed down by the web tier), for the audit log.</summary>
[DataContract(Name = "Actor")]
public sealed record Actor([property: DataMember(Order = 0)] string UserId, [property: DataMember(Order = 1)] string Name)
{
    public static readonly Actor System = new("system", "ActorWelfare");
}

/// <summary>One problem with a command: the field, the rule, and the message in Italian and English.</summary>
[DataContract(Name = "ValidationError")]
public sealed record ValidationError(
    [property: DataMember(Order = 0)] string Field,
    [property: DataMember(Order = 1)] string Rule,
    [property: DataMember(Order = 2)] string MessageIt,
    [property: DataMember(Order = 3)] string MessageEn);

[DataContract(Name = "CommandOutcome")]
public enum CommandOutcome { Accepted, Unchanged, Invalid, Conflict, NotFound, Forbidden }

/// <summary>What happened to a command; <see cref="Record"/> is the activity as it is now.</summary>
[DataContract(Name = "CommandResult")]
public sealed record CommandResult(
    [property: DataMember(Order = 0)] CommandOutcome Outcome,
    [property: DataMember(Order = 1)] ActivityRecord Record,
    [property: DataMember(Order = 2)] IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}
