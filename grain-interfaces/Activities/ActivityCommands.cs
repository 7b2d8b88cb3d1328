using System.Text.Json.Serialization;

namespace ActorWelfare.Activities;

/// <summary>
/// A change to one activity. Every command is validated by the domain before it is applied. In JSON
/// the kind of command is the "type" property (docs/api.md).
/// </summary>
[GenerateSerializer, Alias("ActivityCommand")]
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(RegisterActivity), "register")]
[JsonDerivedType(typeof(EditProfile), "editProfile")]
[JsonDerivedType(typeof(SaveActivity), "save")]
[JsonDerivedType(typeof(RecordMeeting), "recordMeeting")]
[JsonDerivedType(typeof(UpdateYearFigures), "updateYearFigures")]
[JsonDerivedType(typeof(AddOrganisation), "addOrganisation")]
[JsonDerivedType(typeof(RemoveOrganisation), "removeOrganisation")]
[JsonDerivedType(typeof(ChangeStatus), "changeStatus")]
[JsonDerivedType(typeof(MoveToQuartieri), "moveToQuartieri")]
[JsonDerivedType(typeof(ChangeKind), "changeKind")]
[JsonDerivedType(typeof(DeleteActivity), "delete")]
public abstract record ActivityCommand;

[GenerateSerializer, Alias("RegisterActivity")]
public sealed record RegisterActivity([property: Id(0)] ActivityProfile Profile) : ActivityCommand;

[GenerateSerializer, Alias("EditProfile")]
public sealed record EditProfile([property: Id(0)] ActivityProfile Profile) : ActivityCommand;

/// <summary>
/// A form's save as one change: the profile and one year's figures, registering the activity when it
/// does not exist yet. Checked as a whole (every problem at once) and applied as one version, so a
/// save is either all stored or nothing is.
/// </summary>
[GenerateSerializer, Alias("SaveActivity")]
public sealed record SaveActivity(
    [property: Id(0)] ActivityProfile Profile,
    [property: Id(1)] int Year,
    [property: Id(2)] YearFigures Figures) : ActivityCommand;

/// <summary>Adds meetings held in a year (usually one).</summary>
[GenerateSerializer, Alias("RecordMeeting")]
public sealed record RecordMeeting([property: Id(0)] int Year, [property: Id(1)] int Count = 1) : ActivityCommand;

/// <summary>Replaces the figures of one year.</summary>
[GenerateSerializer, Alias("UpdateYearFigures")]
public sealed record UpdateYearFigures([property: Id(0)] int Year, [property: Id(1)] YearFigures Figures) : ActivityCommand;

[GenerateSerializer, Alias("AddOrganisation")]
public sealed record AddOrganisation([property: Id(0)] OrganisationLink Link) : ActivityCommand;

[GenerateSerializer, Alias("RemoveOrganisation")]
public sealed record RemoveOrganisation([property: Id(0)] string OrganisationId) : ActivityCommand;

[GenerateSerializer, Alias("ChangeStatus")]
public sealed record ChangeStatus([property: Id(0)] string Status) : ActivityCommand;

[GenerateSerializer, Alias("MoveToQuartieri")]
public sealed record MoveToQuartieri(
    [property: Id(0)] IReadOnlyList<string> Quartieri,
    [property: Id(1)] IReadOnlyList<string> Zones) : ActivityCommand;

/// <summary>
/// Turns the activity into another kind (for example a gruppo that became a progetto): the record
/// moves to the new kind with the fields that kind uses, and this one is deleted.
/// </summary>
[GenerateSerializer, Alias("ChangeKind")]
public sealed record ChangeKind([property: Id(0)] ActivityKind NewKind) : ActivityCommand;

[GenerateSerializer, Alias("DeleteActivity")]
public sealed record DeleteActivity : ActivityCommand;

/// <summary>Who asks for a change (handed down by the web tier), for the audit log.</summary>
[GenerateSerializer, Alias("Actor")]
public sealed record Actor([property: Id(0)] string UserId, [property: Id(1)] string Name)
{
    public static readonly Actor System = new("system", "ActorWelfare");
}

/// <summary>One problem with a command: the field, the rule, and the message in Italian and English.</summary>
[GenerateSerializer, Alias("ValidationError")]
public sealed record ValidationError(
    [property: Id(0)] string Field,
    [property: Id(1)] string Rule,
    [property: Id(2)] string MessageIt,
    [property: Id(3)] string MessageEn);

[GenerateSerializer, Alias("CommandOutcome")]
public enum CommandOutcome { Accepted, Unchanged, Invalid, Conflict, NotFound, Forbidden }

/// <summary>What happened to a command; <see cref="Record"/> is the activity as it is now.</summary>
[GenerateSerializer, Alias("CommandResult")]
public sealed record CommandResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] ActivityRecord Record,
    [property: Id(2)] IReadOnlyList<ValidationError> Errors)
{
    public bool Succeeded => Outcome is CommandOutcome.Accepted or CommandOutcome.Unchanged;
}
