using System.Text.RegularExpressions;
using ActorWelfare.Tests.Infrastructure;
using Xunit;

namespace ActorWelfare.Tests.Deploy;

/// <summary>
/// Comments and documents that point to a file point to one that exists: a path from the repository's root
/// ("grains/Domain/ActivityRules.cs", "docs/alerts.md") names that file or folder, and a bare file name
/// ("ActivityRules.cs", "smtp.sh") names a file somewhere in the repository. Type names in XML comments
/// (<c>&lt;see cref&gt;</c>) are checked by the compiler (the build writes the documentation file).
/// </summary>
public sealed partial class RepositoryReferencesTests
{
    // Build outputs, npm packages, benchmark results, and the hidden folders of tools and local data (.git, .tools, .data).
    private static readonly string[] Skipped = ["bin", "obj", "node_modules", "results"];
    private static readonly string[] TextFiles = [".cs", ".razor", ".sh", ".md", ".props", ".csproj", ".yml", ".yaml", ".js", ".css", ".json"];
    // Files that are not the repository's: the seeds and the catalogue are read beside it, bundles come from npm.
    private static readonly string[] Elsewhere = ["INDICATORS.md", "DESIGN.md", "Node.js"];

    [GeneratedRegex(@"\b(?:silo|dashboard|grains|grain-interfaces|tests|deploy|docs|bench|service-defaults)/[A-Za-z0-9_./-]+")]
    private static partial Regex RootPath();

    [GeneratedRegex(@"(?<![/\w.-])[A-Za-z][A-Za-z0-9_-]*\.(?:cs|razor|md|sh)\b")]
    private static partial Regex BareName();

    private static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(folder)
            .Concat(Directory.EnumerateDirectories(folder)
                .Where(d => !Skipped.Contains(Path.GetFileName(d)) && !Path.GetFileName(d).StartsWith('.'))
                .SelectMany(Files));

    [Fact]
    public void Every_path_and_file_name_written_in_the_repository_exists()
    {
        var files = Files(RepoPaths.Root).Where(f => TextFiles.Contains(Path.GetExtension(f))).ToList();
        var names = Files(RepoPaths.Root).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        Assert.True(files.Count > 200, $"only {files.Count} files found under {RepoPaths.Root}");
        var missing = new List<string>();
        foreach (var file in files.Where(f => Path.GetFileName(f) != "RepositoryReferencesTests.cs")) // its cases name missing files
        {
            var where = Path.GetRelativePath(RepoPaths.Root, file);
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                // Template paths ({city}.json, *.json) and build outputs are patterns, not files.
                foreach (Match m in RootPath().Matches(lines[i]))
                {
                    var path = m.Value.TrimEnd('.', ',', ')');
                    var next = m.Index + m.Length < lines[i].Length ? lines[i][m.Index + m.Length] : ' ';
                    if (next is '*' or '{' || path.Contains("/bin/", StringComparison.Ordinal)) continue;
                    if (!File.Exists(Path.Combine(RepoPaths.Root, path)) && !Directory.Exists(Path.Combine(RepoPaths.Root, path)))
                        missing.Add($"{where}:{i + 1}: {path}");
                }
                foreach (Match m in BareName().Matches(lines[i]))
                    if (!names.Contains(m.Value) && !Elsewhere.Contains(m.Value) && !lines[i].Contains("://", StringComparison.Ordinal))
                        missing.Add($"{where}:{i + 1}: {m.Value}");
            }
        }
        Assert.True(missing.Count == 0, "References to files that do not exist:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void The_check_finds_a_reference_to_a_file_that_does_not_exist()
    {
        // The patterns above would pass vacuously if they matched nothing: they must see these.
        Assert.Equal("grains/Domain/Gone.cs", RootPath().Match("// see grains/Domain/Gone.cs.").Value.TrimEnd('.'));
        Assert.Equal("Gone.cs", BareName().Match("/// <summary>Kept in step with Gone.cs.</summary>").Value);
        Assert.Single(BareName().Matches("inside grains/Domain/Gone.cs only the path counts, not Gone.cs twice"));
    }
}
