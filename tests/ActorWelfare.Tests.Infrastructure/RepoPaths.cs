using System.Reflection;

namespace ActorWelfare.Tests.Infrastructure;

/// <summary>Where the checkout and the built apps are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "BuildConfiguration").Value!;

    public static string SiloDll => App("silo", "ActorWelfare.Silo");
    public static string DashboardDll => App("dashboard", "ActorWelfare.Dashboard");

    private static string App(string folder, string name)
    {
        var path = Path.Combine(Root, folder, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {folder} first: {path} is missing.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorWelfare.sln"))) return dir.FullName;
        throw new InvalidOperationException("ActorWelfare.sln not found above " + AppContext.BaseDirectory);
    }
}
