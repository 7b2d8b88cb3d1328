using ActorWelfare.Silo.Hosting;
using Xunit;

namespace ActorWelfare.Tests.Configuration;

/// <summary>The silo's three pools: capped, their statements prepared, their connections not reset, the records' multiplexed, unless the configured string says otherwise.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void The_silo_caps_its_pools_prepares_its_statements_does_not_reset_its_connections_and_multiplexes_the_records_unless_the_connection_string_sets_them()
    {
        var plain = new SiloSettings { ConnectionString = "Host=127.0.0.1;Username=aw;" };
        Assert.Equal("Host=127.0.0.1;Username=aw;Maximum Pool Size=20;Max Auto Prepare=64;No Reset On Close=true;Multiplexing=true", plain.RecordsConnectionString);
        Assert.Equal("Host=127.0.0.1;Username=aw;Maximum Pool Size=10;Max Auto Prepare=64;No Reset On Close=true", plain.StoreConnectionString);
        Assert.Equal("Host=127.0.0.1;Username=aw;Maximum Pool Size=15;Max Auto Prepare=64;No Reset On Close=true", plain.ProviderConnectionString);

        var own = new SiloSettings { ConnectionString = "Host=127.0.0.1;Max Pool Size=8;max auto prepare=0;no reset on close=false;multiplexing=false" };
        Assert.Equal("Host=127.0.0.1;Max Pool Size=8;max auto prepare=0;no reset on close=false;multiplexing=false", own.RecordsConnectionString);
        Assert.Equal("Host=127.0.0.1;Max Pool Size=8;max auto prepare=0;no reset on close=false;multiplexing=false", own.StoreConnectionString);
        Assert.Equal("Host=127.0.0.1;Max Pool Size=8;max auto prepare=0;no reset on close=false;multiplexing=false", own.ProviderConnectionString);
        // Npgsql reads what the silo writes.
        var read = new Npgsql.NpgsqlConnectionStringBuilder(plain.StoreConnectionString);
        Assert.Equal((64, true), (read.MaxAutoPrepare, read.NoResetOnClose));
        Assert.True(new Npgsql.NpgsqlConnectionStringBuilder(plain.RecordsConnectionString).Multiplexing);
    }
}
