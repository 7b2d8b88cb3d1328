using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorWelfare.Silo.Database;

/// <summary>One numbered SQL file of <c>deploy/sql</c>.</summary>
public sealed partial record Migration(int Version, string Name, string Sql)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));

    /// <summary>Parses "0003-some-name.sql" into version 3 and name "some-name".</summary>
    public static Migration FromFile(string fileName, string sql)
    {
        var m = FileNamePattern().Match(fileName);
        if (!m.Success)
            throw new FormatException($"Migration file '{fileName}' must be named NNNN-name.sql.");
        return new Migration(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value, sql);
    }

    /// <summary>The migrations embedded in the silo assembly, in version order.</summary>
    public static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migration).Assembly;
        var list = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("sql/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(FromFile(resource["sql/".Length..], reader.ReadToEnd()));
        }
        var duplicate = list.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations share version {duplicate.Key}.");
        return [.. list.OrderBy(m => m.Version)];
    }

    [GeneratedRegex(@"^(\d{4})-([a-z0-9-]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
