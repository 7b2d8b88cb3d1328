using System.Net.Sockets;
using Npgsql;

namespace ActorWelfare.Database;

/// <summary>
/// Whether an exception (or one inside it) says PostgreSQL cannot be reached: the connection failed or broke, the
/// server is shutting down, or it has no connection to spare. A statement the server refused (a constraint, a bad
/// value) is not an outage: it is a bug, and stays an error.
/// </summary>
public static class PostgresOutage
{
    public static bool In(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is PostgresException postgres) return IsOutage(postgres.SqlState);
            if (x is NpgsqlException or SocketException) return true;
            if (x is AggregateException { InnerExceptions.Count: > 1 } many) return many.InnerExceptions.Any(In);
        }
        return false;
    }

    /// <summary>Connection exceptions (class 08), operator intervention such as a shutdown (57P), too many connections (53300).</summary>
    public static bool IsOutage(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState.StartsWith("57P", StringComparison.Ordinal) || sqlState == "53300";
}
