using ActorWelfare.Silo.Hosting;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

/// <summary>The silo's two pools: capped, their statements prepared, unless the configured string says otherwise.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void The_silo_caps_its_pools_and_prepares_its_statements_unless_the_connection_string_sets_them()
    {
        var plain = new SiloSettings { ConnectionString = "Host=127.0.0.1;Username=aw;" };
        Assert.Equal("Host=127.0.0.1;Username=aw;Maximum Pool Size=30;Max Auto Prepare=64", plain.StoreConnectionString);
        Assert.Equal("Host=127.0.0.1;Username=aw;Maximum Pool Size=15;Max Auto Prepare=64", plain.ProviderConnectionString);

        var own = new SiloSettings { ConnectionString = "Host=127.0.0.1;Max Pool Size=8;max auto prepare=0" };
        Assert.Equal("Host=127.0.0.1;Max Pool Size=8;max auto prepare=0", own.StoreConnectionString);
        Assert.Equal("Host=127.0.0.1;Max Pool Size=8;max auto prepare=0", own.ProviderConnectionString);
        // Npgsql reads what the silo writes.
        Assert.Equal(64, new Npgsql.NpgsqlConnectionStringBuilder(plain.StoreConnectionString).MaxAutoPrepare);
    }
}
