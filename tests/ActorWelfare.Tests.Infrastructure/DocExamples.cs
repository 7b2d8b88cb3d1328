namespace ActorWelfare.Tests.Infrastructure;

/// <summary>The examples the documents give, read from them: what the docs show is what is tested.</summary>
public static class DocExamples
{
    /// <summary>The first code block of this language after the heading in docs/import.md.</summary>
    public static string Import(string heading, string language)
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "import.md"));
        var from = doc.IndexOf($"## {heading}\n", StringComparison.Ordinal);
        var start = doc.IndexOf($"```{language}\n", from, StringComparison.Ordinal) + language.Length + 4;
        return doc[start..doc.IndexOf("\n```", start, StringComparison.Ordinal)] + "\n";
    }
}
