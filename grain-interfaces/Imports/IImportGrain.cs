namespace ActorWelfare.Imports;

/// <summary>
/// One file imported into one city, keyed "city/sha256-of-format-and-content" (<see cref="Keys.GrainKeys.Import"/>),
/// so the same file sent twice reaches the same grain and is not applied twice. Every row is checked
/// with the domain's rules and the caller's rights before anything is applied: a file with any bad row
/// changes nothing.
/// </summary>
[Alias("IImportGrain")]
public interface IImportGrain : IGrainWithStringKey
{
    /// <summary>Starts the import (or answers with the earlier one of the same file) and returns at once.</summary>
    [Alias("Start")]
    Task<ImportStatus> Start(byte[] content, ImportFormat format, string fileName);

    /// <summary>The progress, readable while the import runs.</summary>
    [Alias("GetStatus"), Orleans.Concurrency.AlwaysInterleave]
    Task<ImportStatus> GetStatus();
}
