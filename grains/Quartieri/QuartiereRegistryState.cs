using ActorWelfare.Activities;

namespace ActorWelfare.Quartieri;

/// <summary>The persisted registry of a quartiere: activity ids by kind.</summary>
[GenerateSerializer, Alias("QuartiereRegistryState")]
public sealed class QuartiereRegistryState
{
    [Id(0)] public HashSet<string> Progetti { get; set; } = [];
    [Id(1)] public HashSet<string> Tavoli { get; set; } = [];
    [Id(2)] public HashSet<string> Gruppi { get; set; } = [];
    [Id(3)] public long Version { get; set; }

    public HashSet<string> Of(ActivityKind kind) => kind switch
    {
        ActivityKind.Progetto => Progetti,
        ActivityKind.Tavolo => Tavoli,
        ActivityKind.Gruppo => Gruppi,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activity kind."),
    };
}
