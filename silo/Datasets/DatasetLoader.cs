using ActorWelfare.Activities;
using ActorWelfare.Organisations;
using ActorWelfare.Storage;

namespace ActorWelfare.Silo.Datasets;

/// <summary>
/// Loads a checked dataset through the same commands as any user change: organisations into the
/// city registry, then each activity registered (or its profile edited) and its years' figures
/// updated. A record already as the dataset says changes nothing, so loading twice changes nothing.
/// </summary>
public static class DatasetLoader
{
    public static readonly Actor Loader = new("dataset-loader", "Caricamento dataset");

    public static async Task<int> LoadAsync(IGrainFactory grains, DatasetFile dataset, CancellationToken ct = default)
    {
        var registry = grains.GetGrain<IOrganisationRegistryGrain>(dataset.City);
        foreach (var organisation in dataset.Organisations)
            Ensure((await registry.Register(organisation, Loader)).Errors, $"organisation {organisation.Id}");

        var changed = 0;
        foreach (var activity in dataset.Activities)
        {
            ct.ThrowIfCancellationRequested();
            var grain = grains.Activity(dataset.City, activity.Kind, activity.Id);
            var current = await grain.Get();
            var profileCommand = current.Exists ? (ActivityCommand)new EditProfile(activity.Profile) : new RegisterActivity(activity.Profile);
            var result = await grain.Execute(profileCommand, current.Version, Loader);
            Ensure(result.Errors, activity.Id);
            if (result.Outcome == CommandOutcome.Accepted) changed++;
            foreach (var (year, figures) in activity.Years ?? new Dictionary<int, YearFigures>())
            {
                if (ActivityJson.Write(result.Record.FiguresFor(year)) == ActivityJson.Write(figures)) continue;
                result = await grain.Execute(new UpdateYearFigures(year, figures), result.Record.Version, Loader);
                Ensure(result.Errors, $"{activity.Id} {year}");
                changed++;
            }
        }
        return changed;
    }

    private static void Ensure(IReadOnlyList<ValidationError> errors, string what)
    {
        if (errors.Count > 0)
            throw new InvalidOperationException($"Loading {what}: " + string.Join("; ", errors.Select(e => e.MessageEn)));
    }
}
