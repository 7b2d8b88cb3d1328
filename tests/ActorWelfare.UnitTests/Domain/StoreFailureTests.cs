using System.Net.Sockets;
using ActorWelfare.Cluster;
using ActorWelfare.Dashboard.Api;
using ActorWelfare.Database;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Xunit;

namespace ActorWelfare.Tests.Domain;

/// <summary>
/// An unreachable database is told across the cluster as a type (<see cref="StoreUnavailableException"/>), raised
/// at the grain boundary for the driver's outage exceptions only; the dashboard answers it 503 naming the database.
/// (FaultTests stops a real PostgreSQL under load and checks the whole way.)
/// </summary>
public sealed class StoreFailureTests
{
    [Fact]
    public void Connection_failures_are_outages_and_refused_statements_are_not()
    {
        Assert.True(PostgresOutage.In(new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.True(PostgresOutage.In(new InvalidOperationException("wrapped", new SocketException((int)SocketError.ConnectionReset))));
        Assert.True(PostgresOutage.IsOutage("57P01")); // admin shutdown
        Assert.True(PostgresOutage.IsOutage("08006")); // connection failure
        Assert.True(PostgresOutage.IsOutage("53300")); // too many connections
        Assert.False(PostgresOutage.IsOutage("23505")); // unique violation: a bug, not an outage
        Assert.False(PostgresOutage.IsOutage("22P02")); // invalid text representation
        Assert.False(PostgresOutage.In(new InvalidOperationException("a bug")));
        Assert.False(PostgresOutage.In(new TimeoutException()));
    }

    [Fact]
    public void The_dashboard_answers_the_typed_failure_as_the_database_being_unavailable()
    {
        Assert.Equal("database", UnavailableAnswers.Unavailable(new StoreUnavailableException("database", "connection refused")));
        Assert.Equal("database", UnavailableAnswers.Unavailable(new AggregateException(new StoreUnavailableException("database", "x"))));
        Assert.Equal("cluster", UnavailableAnswers.Unavailable(new TimeoutException()));
        Assert.Null(UnavailableAnswers.Unavailable(new InvalidOperationException("a bug")));
        // The name of a type in a message is no longer matched: only the type is.
        Assert.Null(UnavailableAnswers.Unavailable(new InvalidOperationException("Npgsql.PostgresException: 57P01")));
    }

    [Fact]
    public void The_failure_crosses_the_wire_as_itself()
    {
        using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var sent = new StoreUnavailableException("database", "NpgsqlException: Failed to connect");
        var received = Assert.IsType<StoreUnavailableException>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(sent)));
        Assert.Equal("database", received.Store);
        Assert.Equal("NpgsqlException: Failed to connect", received.Reason);
        Assert.Equal(sent.Message, received.Message);
    }
}
