using System.Text;
using ActorWelfare.Imports;
using ActorWelfare.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit;

namespace ActorWelfare.Tests.Cluster;

/// <summary>
/// Grain state is stored as JSON whose polymorphic values carry assembly-qualified type names. The records
/// moved from ActorWelfare.GrainInterfaces to ActorWelfare.Domain: state an installation wrote before the move
/// must still read, through the silo's own grain storage serializer.
/// </summary>
public sealed class StoredTypeNamesTests(OneSiloCluster fixture) : IClassFixture<OneSiloCluster>
{
    private IGrainStorageSerializer Serializer =>
        ((InProcessSiloHandle)fixture.Cluster.Cluster.Primary!).SiloHost!.Services.GetRequiredService<IGrainStorageSerializer>();

    [Fact]
    public void State_written_under_the_old_assembly_name_reads_as_the_same_records()
    {
        var status = new ImportStatus
        {
            Id = "imp-1", City = "bologna", FileName = "attivita.csv", Phase = ImportPhase.Refused, Total = 2,
            // A list, as the grain builds it: its element type is written with the assembly name.
            Problems = new List<ImportProblem> { new(2, "t-1", "nome", "required", "Il nome è obbligatorio", "The name is required") },
            RefusedAs = Activities.CommandOutcome.Invalid,
        };
        var written = Encoding.UTF8.GetString(Serializer.Serialize<object>(status).ToArray());
        Assert.Contains(", ActorWelfare.Domain", written, StringComparison.Ordinal);

        var before = written.Replace(", ActorWelfare.Domain", ", ActorWelfare.GrainInterfaces", StringComparison.Ordinal);
        var read = Assert.IsType<ImportStatus>(Serializer.Deserialize<object>(BinaryData.FromString(before)));

        Assert.Equal(status with { Problems = [] }, read with { Problems = [] });
        Assert.Equal(status.Problems, read.Problems);
    }
}
