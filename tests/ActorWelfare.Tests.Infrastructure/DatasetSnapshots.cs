using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Silo.Datasets;
using ActorWelfare.Tests.Infrastructure;
using ActorWelfare.Years;

namespace ActorWelfare.Tests.Years;

/// <summary>
/// A snapshot of a shipped dataset made without a cluster: the records as the command path would store
/// them, the document from the independent recomputation (as the year grain does), and the names of
/// the dataset's organisations (as the registry has them).
/// </summary>
public static class DatasetSnapshots
{
    public static (Snapshot Snapshot, IReadOnlyDictionary<string, string> OrganisationNames) Of(string dataset)
    {
        var path = Path.Combine(RepoPaths.Root, "deploy", "datasets", dataset + ".json");
        var file = DatasetFile.Parse(File.ReadAllText(path), path, ShippedTerritories.All);
        var types = file.Organisations.ToDictionary(o => o.Id, o => o.Type, StringComparer.Ordinal);
        string? TypeOf(string id) => types.GetValueOrDefault(id);
        var records = new List<ActivityRecord>();
        foreach (var a in file.Activities)
        {
            var record = ActivityRules.Apply(new ActivityRecord { City = file.City, Kind = a.Kind, Id = a.Id }, new RegisterActivity(a.Profile), TypeOf) with { Version = 1 };
            foreach (var (year, figures) in a.Years ?? new Dictionary<int, YearFigures>())
                record = ActivityRules.Apply(record, new UpdateYearFigures(year, figures), TypeOf) with { Version = record.Version + 1 };
            if (record.IsActiveIn(file.Year)) records.Add(record);
        }
        records = [.. records.OrderBy(r => r.Kind).ThenBy(r => r.Id, StringComparer.Ordinal)];
        var document = IndicatorRecomputation.Compute(ShippedTerritories.All[file.City], file.Year, records, 1);
        var info = new SnapshotInfo(new Guid(file.Year, 0, 0, new byte[8]), file.City, file.Year, SnapshotInfo.Final, "analista@actorwelfare.local",
            new DateTimeOffset(file.Year + 1, 3, 1, 9, 30, 0, TimeSpan.Zero), YearGrain.ContentHash(document, records), records.Count, true);
        return (new Snapshot(info, document, records), file.Organisations.ToDictionary(o => o.Id, o => o.Name, StringComparer.Ordinal));
    }
}
