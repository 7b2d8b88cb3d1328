using System.Text;

namespace ActorWelfare.Imports;

/// <summary>
/// RFC 4180 records: fields separated by the delimiter, quoted with double quotes (a quote inside is
/// doubled), line breaks allowed inside quotes. A stray quote spoils only its line: that record comes
/// back with its <see cref="Record.Error"/> and reading goes on with the next line, so one bad line
/// does not hide the others. A quote never closed swallows the rest of the file and ends the reading.
/// </summary>
public static class CsvReader
{
    public sealed record Malformed(string MessageIt, string MessageEn);

    public sealed record Record(int Line, IReadOnlyList<string> Fields, Malformed? Error = null);

    public static IEnumerable<Record> Read(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var start = 1;
        var i = 0;
        var quoted = false;
        var afterQuote = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                    quoted = false;
                    afterQuote = true;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                i++;
                continue;
            }
            Malformed? error = null;
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                afterQuote = false;
                if (!(fields.Count == 1 && fields[0].Length == 0)) yield return new Record(start, [.. fields]);
                fields.Clear();
                line++;
                start = line;
            }
            else if (c == '"')
            {
                if (field.Length > 0 || afterQuote)
                    error = new($"riga {line}: virgolette fuori posto (un campo con virgolette deve esserne racchiuso per intero).",
                        $"line {line}: misplaced quote (a quoted field must be quoted as a whole).");
                else quoted = true;
            }
            else if (afterQuote)
                error = new($"riga {line}: testo dopo le virgolette di chiusura.", $"line {line}: text after a closing quote.");
            else field.Append(c);

            if (error is not null)
            {
                yield return new Record(start, [], error);
                while (i < text.Length && text[i] is not ('\r' or '\n')) i++;
                if (i < text.Length && text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Clear();
                field.Clear();
                afterQuote = false;
                line++;
                start = line;
            }
            i++;
        }
        if (quoted)
        {
            yield return new Record(start, [], new($"riga {start}: virgolette aperte e mai chiuse: il resto del file non si può leggere.",
                $"line {start}: a quote is opened and never closed: the rest of the file cannot be read."));
            yield break;
        }
        fields.Add(field.ToString());
        if (!(fields.Count == 1 && fields[0].Length == 0)) yield return new Record(start, [.. fields]);
    }
}
