using ActorWelfare.Territories;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>The territory files the repository ships (deploy/territories), loaded once.</summary>
public static class ShippedTerritories
{
    public static IReadOnlyDictionary<string, Territory> All { get; } =
        TerritoryFile.LoadAll(Path.Combine(RepoPaths.Root, "deploy", "territories"));
}
