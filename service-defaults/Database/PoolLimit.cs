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
}
