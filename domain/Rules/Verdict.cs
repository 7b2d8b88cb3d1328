using ActorWelfare.Activities;

namespace ActorWelfare.Domain;

/// <summary>
/// The rules' answer to a command, its outcome a value and not read back from a rule's name: allowed, or refused as
/// not found, as a conflict with a newer version, or as invalid, with every problem that made it so.
/// </summary>
public sealed record Verdict(CommandOutcome Outcome, IReadOnlyList<ValidationError> Errors)
{
    public static Verdict Allowed { get; } = new(CommandOutcome.Accepted, []);

    public bool Refused => Outcome != CommandOutcome.Accepted;

    public static Verdict NotFound(ValidationError error) => new(CommandOutcome.NotFound, [error]);

    public static Verdict Conflict(ValidationError error) => new(CommandOutcome.Conflict, [error]);

    public static Verdict Invalid(IReadOnlyList<ValidationError> errors) => errors.Count == 0 ? Allowed : new(CommandOutcome.Invalid, errors);
}
