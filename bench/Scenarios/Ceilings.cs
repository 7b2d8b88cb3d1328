using Npgsql;

namespace ActorWelfare.Bench.Scenarios;

/// <summary>A grain that does nothing: the cost of an Orleans call alone.</summary>
[Alias("INoopGrain")]
public interface INoopGrain : IGrainWithIntegerKey
{
    [Alias("Ping")]
    Task<int> Ping(int value);
}

public sealed class NoopGrain : Grain, INoopGrain
{
    public Task<int> Ping(int value) => Task.FromResult(value);
}

/// <summary>What the hardware allows, measured beside the real path at the same concurrency.</summary>
public static class Ceilings
{
    /// <param name="Cpu">CPU used: this process (the load generator) and PostgreSQL's server.</param>
    public sealed record Result(string Name, int Operations, int Concurrency, double Seconds, double PerSecond, Hosting.CpuSplit.Split? Cpu = null);

    /// <summary>Durable single-row writes (autocommit, synchronous_commit on), one connection per worker.</summary>
    public static async Task<Result> PostgresWritesAsync(string connectionString, int writes, int concurrency)
    {
        // One connection per worker, as the workers of the update runs each have theirs.
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = concurrency + 2 }.ConnectionString);
        await using (var create = data.CreateCommand("CREATE TABLE IF NOT EXISTS bench_write (id bigserial PRIMARY KEY, worker int NOT NULL, n int NOT NULL, payload jsonb NOT NULL)"))
            await create.ExecuteNonQueryAsync();
        var connections = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => data.OpenConnectionAsync().AsTask()));
        try
        {
            var cpu = await Hosting.CpuSplit.StartAsync(connectionString);
            var elapsed = await Workload.RunAsync(writes, concurrency, async (worker, n) =>
            {
                await using var insert = new NpgsqlCommand("INSERT INTO bench_write (worker, n, payload) VALUES ($1, $2, $3::jsonb)", connections[worker]);
                insert.Parameters.Add(new() { Value = worker });
                insert.Parameters.Add(new() { Value = n });
                insert.Parameters.Add(new() { Value = """{"meetings": 1}""" });
                await insert.ExecuteNonQueryAsync();
            });
            return new Result("PostgreSQL durable single-row writes", writes, concurrency, elapsed.TotalSeconds, writes / elapsed.TotalSeconds, cpu.Stop());
        }
        finally
        {
            foreach (var c in connections) await c.DisposeAsync();
        }
    }

    public static async Task<Result> NoopGrainCallsAsync(IGrainFactory grains, int calls, int concurrency)
    {
        var cpu = await Hosting.CpuSplit.StartAsync(null);
        var elapsed = await Workload.RunAsync(calls, concurrency, async (worker, n) => await grains.GetGrain<INoopGrain>(worker).Ping(n));
        return new Result("Orleans no-op grain calls", calls, concurrency, elapsed.TotalSeconds, calls / elapsed.TotalSeconds, cpu.Stop());
    }
}
