using ActorWelfare.Keys;

namespace ActorWelfare.Imports;

public static class ImportExtensions
{
    /// <summary>Starts an import of this file into the city and returns its grain and first status.</summary>
    public static async Task<(IImportGrain Grain, ImportStatus Status)> StartImportAsync(this IGrainFactory grains, string city,
        byte[] content, ImportFormat format, string fileName)
    {
        var grain = grains.GetGrain<IImportGrain>(GrainKeys.Import(city, format, content));
        return (grain, await grain.Start(content, format, fileName));
    }

    /// <summary>Imports and waits for the result (checking and applying), polling the progress.</summary>
    public static async Task<ImportStatus> ImportAsync(this IGrainFactory grains, string city, byte[] content, ImportFormat format,
        string fileName, CancellationToken ct = default)
    {
        var (grain, status) = await grains.StartImportAsync(city, content, format, fileName);
        while (!status.Finished)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            status = await grain.GetStatus();
        }
        return status;
    }
}
