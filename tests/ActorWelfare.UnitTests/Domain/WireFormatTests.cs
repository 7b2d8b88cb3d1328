using System.ComponentModel;
using System.Runtime.Serialization;
using System.Text;
using ActorWelfare.Activities;
using ActorWelfare.Domain;
using ActorWelfare.Imports;
using ActorWelfare.Indicators;
using ActorWelfare.Storage;
using ActorWelfare.Tests.Years;
using ActorWelfare.Years;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// The domain's records cross grain calls through the surrogates tools/wire-format writes from their
/// [DataContract]s (the domain itself knows no Orleans): whole, under their wire names, shared between grains of
/// one silo when immutable and copied otherwise.
/// </summary>
public sealed class WireFormatTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(ICityIndicatorsGrain).Assembly)).BuildServiceProvider();

    private Serializer Serializer => services.GetRequiredService<Serializer>();

    private T RoundTrip<T>(T value) => Serializer.Deserialize<T>(Serializer.SerializeToArray(value))!;

    public void Dispose() => services.Dispose();

    private static IEnumerable<Type> Contracts => typeof(ActivityRules).Assembly.GetExportedTypes()
        .Where(t => t.GetCustomAttributes(typeof(DataContractAttribute), false).Length > 0);

    [Fact]
    public void A_shipped_year_s_snapshot_crosses_the_wire_with_every_record_and_figure_and_the_same_hash()
    {
        var (snapshot, _) = DatasetSnapshots.Of("bologna-2019");

        var received = RoundTrip(snapshot);

        Assert.Equal(130, received.Records.Count);
        Assert.Equal(ActivityJson.Write(snapshot.Records), ActivityJson.Write(received.Records));
        Assert.Equal(ActivityJson.Write(snapshot.Document), ActivityJson.Write(received.Document));
        Assert.Equal(snapshot.Info, received.Info);
        Assert.Equal(snapshot.Info.Sha256, YearGrain.ContentHash(received.Document, received.Records));
    }

    [Fact]
    public void A_command_arrives_as_its_own_kind_under_its_wire_name()
    {
        ActivityCommand sent = new ChangeStatus("concluso", 2024);

        var bytes = Serializer.SerializeToArray<object>(sent);

        Assert.Equal(sent, Serializer.Deserialize<ActivityCommand>(Serializer.SerializeToArray(sent)));
        Assert.Equal(sent, Serializer.Deserialize<object>(bytes));
        Assert.Contains("ChangeStatus", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("ActorWelfare.Domain", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    /// <summary>
    /// A rolling update needs silos and dashboards of two versions to read each other's records. These bytes are this
    /// release's: if a change alters them, either undo it (a renumbered order, a renamed contract) or say in
    /// docs/deploy.md that the next upgrade is a full stop, and write the new bytes here.
    /// </summary>
    [Fact]
    public void A_command_s_bytes_on_the_wire_are_this_release_s()
    {
        ActivityCommand command = new RegisterActivity(new ActivityProfile
        {
            Name = "Tavolo anziani", Quartieri = ["navile"], StartYear = 2024, Status = "attivo", Themes = ["anziani", "salute"],
        });

        Assert.Equal(ThisRelease, Convert.ToBase64String(Serializer.SerializeToArray(command)));
    }

    private const string ThisRelease = "MAF8zM6VIVJlZ2lzdGVyQWN0aXZpdHkgQB1UYXZvbG8gYW56aWFuacEBMQHD2W4+TVJlYWRPbmx5TGlzdEludGVyZmFjZUNvZGVjYDFbW3N0cmluZ11dAANBDW5hdmlsZeApNeABQj/BAUENYXR0aXZvAQHBAcEBwQHBAcEBwQHBAcEBwQHBATkFAAVBD2FuemlhbmlADXNhbHV0ZeDBAcEBAQHgwQHg";

    [Fact]
    public void Every_contract_record_has_a_serializer_and_immutable_ones_are_shared_not_copied()
    {
        var codecs = services.GetRequiredService<Orleans.Serialization.Serializers.ICodecProvider>();
        var records = Contracts.Where(t => t.IsClass && !t.IsAbstract).ToList();
        Assert.Contains(typeof(ActivityRecord), records);
        Assert.All(records, t => Assert.NotNull(codecs.TryGetCodec(t)));

        var copier = services.GetRequiredService<DeepCopier>();
        var record = new ActivityRecord { City = "bologna", Kind = ActivityKind.Tavolo, Id = "t-1", Version = 2 };
        Assert.True(typeof(ActivityRecord).GetCustomAttributes(typeof(ImmutableObjectAttribute), false).Length > 0);
        Assert.Same(record, copier.Copy(record));
        // The caller in every call's request context, shared by the grains of a silo rather than copied at each call.
        var caller = new ActorWelfare.Access.Caller("u-1", "Operatore", new HashSet<string> { "bologna/direttore" }, new HashSet<string> { "bologna/navile" });
        Assert.Same(caller, copier.Copy(caller));

        var status = new ImportStatus { Id = "imp-1", City = "bologna", Problems = new List<ImportProblem> { new(2, "t-1", "nome", "required", "…", "…") } };
        var copy = copier.Copy(status);
        Assert.NotSame(status, copy);
        Assert.Equal(status.Problems, copy.Problems);
    }
}
