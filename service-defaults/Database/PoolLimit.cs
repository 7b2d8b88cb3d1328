using System.Text.RegularExpressions;

namespace ActorWelfare.Database;

/// <summary>
/// Caps a connection pool when the configured connection string does not: Npgsql's default of 100 per
/// pool, times the pools of every silo and dashboard, would exceed PostgreSQL's own default of 100
/// connections, and a burst (thousands of grains activating) would then be refused instead of waiting.
/// Shared by the silo and the dashboard.
/// </summary>
public static partial class PoolLimit
{
    public static string Apply(string connectionString, int maximum) =>
        MaximumPoolSize().IsMatch(connectionString) ? connectionString : $"{connectionString.TrimEnd(';')};Maximum Pool Size={maximum}";

    [GeneratedRegex(@"max(imum)?\s*pool\s*size\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex MaximumPoolSize();

    /// <summary>
    /// Lets Npgsql prepare the statements a process runs again and again (the silo's few fixed queries, thousands of
    /// times), so PostgreSQL parses and plans each once per connection, unless the configured string says otherwise.
    /// </summary>
    public static string Prepared(string connectionString) =>
        AutoPrepare().IsMatch(connectionString) ? connectionString : $"{connectionString.TrimEnd(';')};Max Auto Prepare=64";

    [GeneratedRegex(@"max\s*auto\s*prepare\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex AutoPrepare();

    /// <summary>
    /// Lets a connection go back to the pool as it is, unless the configured string says otherwise. Npgsql otherwise
    /// resets it before its next use with seven statements (not one DISCARD ALL, which would drop the prepared ones):
    /// a restarted silo's 8,000 aggregators ran 32,092 such resets, more statements than their own work. For processes
    /// that keep no session state: no SET, no LISTEN, no temporary tables, advisory locks only per transaction or
    /// released explicitly.
    /// </summary>
    public static string NotReset(string connectionString) =>
        NoResetOnClose().IsMatch(connectionString) ? connectionString : $"{connectionString.TrimEnd(';')};No Reset On Close=true";

    [GeneratedRegex(@"no\s*reset\s*on\s*close\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex NoResetOnClose();

    /// <summary>
    /// Lets Npgsql multiplex the pool's commands, unless the configured string says otherwise: commands from many callers
    /// are written to a few connections together, and a caller holds no connection while it waits. For short statements
    /// sent from many grains at once (a save, an activation's read): fewer writes to the sockets, the CPU both processes
    /// spend on them. Only asynchronous calls, and no state on a connection outside a transaction.
    /// </summary>
    public static string Multiplexed(string connectionString) =>
        Multiplexing().IsMatch(connectionString) ? connectionString : $"{connectionString.TrimEnd(';')};Multiplexing=true";

    [GeneratedRegex(@"multiplexing\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Multiplexing();
}
