using ActorWelfare.Silo.Datasets;
using ActorWelfare.Territories;

namespace ActorWelfare.Bench.Hosting;

/// <summary>The demo datasets (deploy/datasets, copied beside the benchmark), loaded as the silo loads them.</summary>
public static class BenchDatasets
{
    public static async Task LoadAsync(IGrainFactory grains, ActorWelfare.Access.SystemKey key, IReadOnlyDictionary<string, Territory> territories, string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", name + ".json");
        var bytes = await File.ReadAllBytesAsync(path);
        var dataset = DatasetFile.Parse(System.Text.Encoding.UTF8.GetString(bytes), path, territories);
        await DatasetLoader.LoadAsync(grains, key, dataset, bytes, name);
    }
}
