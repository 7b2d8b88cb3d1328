using ActorWelfare.Access;
using ActorWelfare.Storage;
using Npgsql;

namespace ActorWelfare.Silo.Storage;

/// <summary>The silos' writes to <c>admin_audit</c> (deploy/sql/0014-admin-audit.sql).</summary>
public sealed class PostgresAdminActLog(NpgsqlDataSource database) : IAdminActLog
{
    public async Task RecordAsync(AdminAct act, CancellationToken ct = default)
    {
        await using var command = database.CreateCommand(
            "INSERT INTO admin_audit (actor_id, actor_name, action, city, target, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        foreach (var value in new object?[] { act.ActorId, act.ActorName, act.Action, act.City, act.Target, act.Before, act.After })
            command.Parameters.Add(new() { Value = value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(ct);
    }
}
