using System.Text;

namespace ActorWelfare.Imports;

/// <summary>
/// RFC 4180 records: fields separated by the delimiter, quoted with double quotes (a quote inside is
/// doubled), line breaks allowed inside quotes. A stray or unclosed quote is an error with its line.
/// </summary>
public static class CsvReader
{
    public sealed record Record(int Line, IReadOnlyList<string> Fields);

    public sealed class MalformedException(int line, string messageIt, string messageEn) : Exception(messageEn)
    {
        public int Line { get; } = line;
        public string MessageIt { get; } = messageIt;
    }

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
                    throw new MalformedException(line, $"riga {line}: virgolette fuori posto (un campo con virgolette deve esserne racchiuso per intero).",
                        $"line {line}: misplaced quote (a quoted field must be quoted as a whole).");
                quoted = true;
            }
            else
            {
                if (afterQuote)
                    throw new MalformedException(line, $"riga {line}: testo dopo le virgolette di chiusura.", $"line {line}: text after a closing quote.");
                field.Append(c);
            }
            i++;
        }
        if (quoted) throw new MalformedException(start, $"riga {start}: virgolette aperte e mai chiuse.", $"line {start}: a quote is opened and never closed.");
        fields.Add(field.ToString());
        if (!(fields.Count == 1 && fields[0].Length == 0)) yield return new Record(start, [.. fields]);
    }
}
