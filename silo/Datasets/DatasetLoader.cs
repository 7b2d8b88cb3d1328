using ActorWelfare.Access;
using ActorWelfare.Imports;

namespace ActorWelfare.Silo.Datasets;

/// <summary>
/// Loads a dataset through the import (the JSON import format is the dataset format), so datasets
/// go the same way as any file a user imports: every record checked first, then applied through the
/// activity grains' commands. A record already as the dataset says changes nothing.
/// </summary>
public static class DatasetLoader
{
    public static async Task<ImportStatus> LoadAsync(IGrainFactory grains, SystemKey key, DatasetFile dataset, byte[] content, string name, CancellationToken ct = default)
    {
        // No person loads a dataset: it is the cluster's own work, which only silo code can prove.
        SystemIdentity.HandDown(key);
        var status = await grains.ImportAsync(dataset.City, content, ImportFormat.Json, name + ".json", ct);
        if (status.Phase != ImportPhase.Applied)
            throw new InvalidOperationException($"Loading {name}: {status.Phase}: " + string.Join("; ", status.Problems.Select(p => $"row {p.Row} {p.MessageEn}")));
        return status;
    }
}
