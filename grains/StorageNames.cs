namespace ActorWelfare;

/// <summary>
/// Grain storage names, one per grain class. The ADO.NET storage key does not include the grain
/// class, so two classes sharing a storage name and a key would share one row.
/// </summary>
public static class StorageNames
{
    public const string Organisations = "organisation-store";
    public const string Imports = "import-store";
    public const string Years = "year-store";
    public const string Alerts = "alerts-store";
    public const string Notifications = "notifications-store";

    /// <summary>Every name the silo must register a storage provider for.</summary>
    public static readonly IReadOnlyList<string> All = [Organisations, Imports, Years, Alerts, Notifications];

    // Activity grains do not use Orleans grain storage: they write their state and its audit record
    // in one transaction through Storage.IActivityStore. Aggregators neither: their checkpoints and the versions
    // they reserve are in Storage.IIndicatorCheckpoints.
}
