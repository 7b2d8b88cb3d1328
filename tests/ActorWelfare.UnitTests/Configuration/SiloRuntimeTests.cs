using System.Text.Json;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

/// <summary>The silo's process runs .NET as silo/SiloRuntime.props says (the benchmark imports the same file).</summary>
public sealed class SiloRuntimeTests
{
    [Fact]
    public void The_silo_runs_with_server_gc_and_without_dynamic_pgo()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ActorWelfare.Silo.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.Runtime.TieredPGO").GetBoolean());
    }
}
