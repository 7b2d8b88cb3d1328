namespace ActorWelfare.Cluster;

/// <summary>
/// A grain call failed because the store (PostgreSQL) could not be reached: nothing the call meant to store was
/// stored. Silos raise it at the grain boundary in place of the database driver's exceptions (which do not cross
/// the wire as themselves), so callers match a type, not a type name in a message.
/// </summary>
[GenerateSerializer]
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException() : this("the store", "unreachable") { }

    public StoreUnavailableException(string store, string reason) : base($"{store} is unavailable: {reason}")
    {
        Store = store;
        Reason = reason;
    }

    public StoreUnavailableException(string message) : base(message) { Store = "the store"; Reason = message; }

    public StoreUnavailableException(string message, Exception inner) : base(message, inner) { Store = "the store"; Reason = message; }

    /// <summary>Which store: "database" for PostgreSQL.</summary>
    [Id(0)] public string Store { get; init; }

    /// <summary>What the driver said, for the logs (never shown to people as is).</summary>
    [Id(1)] public string Reason { get; init; }
}
