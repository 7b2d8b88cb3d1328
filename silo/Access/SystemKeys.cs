using System.Security.Cryptography;
using ActorWelfare.Access;
using Npgsql;

namespace ActorWelfare.Silo.Access;

/// <summary>Where a silo finds the cluster's <see cref="SystemKey"/>.</summary>
public static class SystemKeys
{
    /// <summary>
    /// The configured key (<c>Cluster:SystemKey</c>, base64, e.g. from a Kubernetes Secret), else the
    /// database's (the first silo writes a random one, every silo reads the same).
    /// </summary>
    public static SystemKey FromDatabase(NpgsqlDataSource database, string? configured)
    {
        if (configured is { Length: > 0 }) return new SystemKey(Convert.FromBase64String(configured));
        using (var insert = database.CreateCommand("INSERT INTO cluster_secret (name, value) VALUES ('system-key', $1) ON CONFLICT (name) DO NOTHING"))
        {
            insert.Parameters.Add(new() { Value = RandomNumberGenerator.GetBytes(32) });
            insert.ExecuteNonQuery();
        }
        using var select = database.CreateCommand("SELECT value FROM cluster_secret WHERE name = 'system-key'");
        return new SystemKey((byte[])select.ExecuteScalar()!);
    }
}
