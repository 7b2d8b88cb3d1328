using System.Globalization;

namespace ActorWelfare.Imports;

/// <summary>
/// The one answer to a refused file: the format problems and the domain's, by row, at most
/// <see cref="MaxProblems"/> of them (docs/import.md), then a line saying how many more there are.
/// </summary>
public static class ImportReport
{
    /// <summary>Enough to correct a file in one pass; a longer list is a wrong file, not a list to read.</summary>
    public const int MaxProblems = 100;

    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT"), English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// A cell that could not be read was left out of what the domain checked: the domain's complaint about
    /// it (required, out of range) would only repeat the format problem, so it is dropped.
    /// </summary>
    public static IReadOnlyList<ImportProblem> Compose(IReadOnlyList<ImportProblem> format, IEnumerable<ImportProblem> domain)
    {
        var unread = format.Select(Cell).ToList();
        var missingColumns = format.Where(p => p.Rule == CsvImport.MissingColumn).Select(p => p.Field).ToHashSet();
        var all = format.Concat(domain.Where(p =>
        {
            var cell = Cell(p);
            return !missingColumns.Contains(cell.Column) && !unread.Any(u => u.Row == cell.Row && u.Column == cell.Column && (u.Year is null || cell.Year is null || u.Year == cell.Year));
        })).OrderBy(p => p.Row).ToList();
        if (all.Count <= MaxProblems) return all;
        var more = all.Count - MaxProblems;
        return [.. all.Take(MaxProblems), new ImportProblem(0, null, "import", "max-problems",
            string.Create(Italian, $"e altri {more:N0} problemi non mostrati (se ne mostrano al massimo {MaxProblems:N0}): correggi questi e invia di nuovo il file."),
            string.Create(English, $"and {more:N0} more problems not shown (at most {MaxProblems:N0} are shown): correct these and send the file again."))];
    }

    /// <summary>
    /// Where a problem is, whatever its format: CSV "meetings" on its line, JSON
    /// "$.activities[2].years.2019.meetings", the domain's "years.2019.meetings" are all the meetings cell.
    /// </summary>
    private static (int Row, int? Year, string Column) Cell(ImportProblem p)
    {
        var field = p.Field;
        if (field.StartsWith("$.activities[", StringComparison.Ordinal) && field.IndexOf("].", StringComparison.Ordinal) is > 0 and var end)
            field = field[(end + 2)..];
        if (field.StartsWith("profile.", StringComparison.Ordinal)) field = field["profile.".Length..];
        int? year = null;
        if (field.StartsWith("years.", StringComparison.Ordinal) && field.Split('.') is [_, var y, _, ..] && int.TryParse(y, out var parsed))
        {
            year = parsed;
            field = field[("years.".Length + y.Length + 1)..];
        }
        var stop = field.IndexOfAny(['.', '[']);
        return (p.Row, year, stop > 0 ? field[..stop] : field);
    }
}
