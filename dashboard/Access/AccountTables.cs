using Npgsql;

namespace ActorWelfare.Dashboard.Access;

/// <summary>The silo creates Identity's tables (migrations); the dashboard's start-up work on accounts waits for them.</summary>
public static class AccountTables
{
    public static async Task<bool> ExistAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT to_regclass('\"AspNetUsers\"') IS NOT NULL");
            return await command.ExecuteScalarAsync(ct) is true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
