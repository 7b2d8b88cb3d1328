using System.Globalization;
using ActorWelfare.Activities;
using ActorWelfare.Keys;

namespace ActorWelfare.Imports;

/// <summary>
/// The CSV import format (docs/import.md): a header row, then one row per activity and year (a row
/// without a year carries the profile only). Each year's row carries the profile of that year. Lists are separated by "|"; organisations are
/// "id:function+function"; operators "office=count". The delimiter is "," (or ";" when the header uses it).
/// </summary>
public static class CsvImport
{
    public static IReadOnlyList<string> Required => ImportColumns.Required;

    public static IReadOnlyList<string> Columns => ImportColumns.All;

    private static readonly string[] ProfileColumns = [.. Columns.TakeWhile(c => c != "year")];
    /// <summary>The columns that hold for every year: the rows of one activity repeat them.</summary>
    private static readonly string[] EveryYearColumns = ["name", "description", "startYear", "endYear"];

    public static ParsedImport Parse(byte[] content, string city)
    {
        var (text, encoding) = Utf8.Decode(content);
        if (encoding is not null) return new(null, [encoding]);
        var firstLine = text!.Split('\n', 2)[0];
        var delimiter = firstLine.Contains(';') && !firstLine.Contains(',') ? ';' : ',';
        var records = CsvReader.Read(text, delimiter).ToList();
        if (records.Count == 0) return ParsedImport.Fail(1, "csv", "header", "manca la riga di intestazione.", "the header row is missing.");
        if (records[0].Error is { } headerError) return ParsedImport.Fail(records[0].Line, "csv", "quoting", headerError.MessageIt, headerError.MessageEn);

        // A bad header is reported and the rows are still read: an unknown column is ignored, a missing one reads as empty.
        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        var problems = new List<ImportProblem>();
        foreach (var h in header.Where(h => !Columns.Contains(h)))
            problems.Add(new(1, null, h, "unknown-column", $"colonna «{h}» sconosciuta: le colonne sono {string.Join(", ", Columns)}.",
                $"unknown column '{h}': the columns are {string.Join(", ", Columns)}."));
        foreach (var h in Required.Where(r => !header.Contains(r)))
            problems.Add(new(1, null, h, MissingColumn, $"manca la colonna obbligatoria «{h}».", $"the required column '{h}' is missing."));
        foreach (var d in header.GroupBy(h => h).Where(g => g.Count() > 1))
            problems.Add(new(1, null, d.Key, "duplicate-column", $"la colonna «{d.Key}» compare due volte.", $"column '{d.Key}' appears twice."));

        var byActivity = new Dictionary<(ActivityKind, string), (ImportedActivity Activity, string ProfileText, Dictionary<int, YearFigures> Years,
            Dictionary<int, int> YearRows, SortedDictionary<int, ActivityProfile> ByYear)>();
        var order = new List<(ActivityKind, string)>();
        foreach (var record in records.Skip(1))
        {
            if (record.Error is { } error)
            {
                problems.Add(new(record.Line, null, "csv", "quoting", error.MessageIt, error.MessageEn));
                continue;
            }
            if (record.Fields.Count != header.Count)
            {
                problems.Add(new(record.Line, null, "csv", "field-count",
                    $"riga {record.Line}: {record.Fields.Count} campi invece di {header.Count}.", $"line {record.Line}: {record.Fields.Count} fields instead of {header.Count}."));
                continue;
            }
            var row = new Row(record.Line, header, record.Fields, problems);
            var kindText = row.Text("kind");
            var id = row.Text("id");
            var profile = row.Profile();
            var figures = row.Figures();
            var year = row.Int("year");
            if (kindText is not ("progetto" or "tavolo" or "gruppo"))
            {
                row.Fail("kind", "activity-kind", $"«{kindText}» deve essere progetto, tavolo o gruppo", $"'{kindText}' must be progetto, tavolo or gruppo");
                continue;
            }
            if (id is null) { row.Fail("id", "required", "è obbligatorio", "is required"); continue; }
            var kind = GrainKeys.ParseKind(kindText);
            var profileText = string.Join('\u001f', ProfileColumns.Select(c => row.Text(c) ?? ""));
            var everyYearText = string.Join('\u001f', EveryYearColumns.Select(c => row.Text(c) ?? ""));
            if (!byActivity.TryGetValue((kind, id), out var entry))
            {
                entry = (new ImportedActivity(record.Line, kind, id, profile, new Dictionary<int, YearFigures>()), profileText, new(), new(), new());
                byActivity[(kind, id)] = entry;
                order.Add((kind, id));
            }
            else if (entry.ProfileText != profileText)
            {
                // A year's row may give that year's own profile (organisations, themes, quartieri… of that year);
                // what holds for every year must be the same on every row.
                var first = string.Join('\u001f', EveryYearColumns.Select(c => entry.ProfileText.Split('\u001f')[Array.IndexOf(ProfileColumns, c)]));
                if (first != everyYearText)
                    row.Fail("id", "same-profile", $"«{id}» compare già alla riga {entry.Activity.Row} con nome, descrizione o anni diversi: valgono per tutti gli anni e le righe di una stessa attività li ripetono",
                        $"'{id}' already appears at line {entry.Activity.Row} with another name, description or span: they hold for every year and the rows of one activity repeat them");
                else if (year is null)
                    row.Fail("year", "required", $"«{id}» ha già una scheda alla riga {entry.Activity.Row}: una scheda diversa va indicata con il suo anno",
                        $"'{id}' already has a profile at line {entry.Activity.Row}: a different profile needs its year");
                else entry.ByYear[year.Value] = profile;
            }
            if (year is { } y)
            {
                if (entry.Years.TryAdd(y, figures)) entry.YearRows[y] = record.Line;
                else row.Fail("year", "duplicate", $"l'anno {y} di «{id}» compare due volte", $"year {y} of '{id}' appears twice");
            }
        }
        var activities = order.Select(k => byActivity[k]).Select(e => e.Activity with
        {
            Years = e.Years, YearRows = e.YearRows, ProfileByYear = e.ByYear.Count == 0 ? null : e.ByYear,
        });
        return new(new ImportDocument(city, [], [.. activities]), problems);
    }

    /// <summary>The rule of a header problem that leaves a column out of every row.</summary>
    public const string MissingColumn = "missing-column";

    /// <summary>One CSV row, read cell by cell; a cell of the wrong type is reported and read as empty.</summary>
    private sealed class Row(int line, List<string> header, IReadOnlyList<string> fields, List<ImportProblem> problems)
    {
        public string? Text(string column)
        {
            var i = header.IndexOf(column);
            return i < 0 || fields[i].Trim().Length == 0 ? null : fields[i].Trim();
        }

        public void Fail(string column, string rule, string it, string en) =>
            problems.Add(new(line, Text("id"), column, rule, $"{column}: {it} (riga {line}).", $"{column}: {en} (line {line})."));

        public int? Int(string column)
        {
            if (Text(column) is not { } text) return null;
            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
            Fail(column, "whole-number", $"«{text}» non è un numero intero", $"'{text}' is not a whole number");
            return null;
        }

        public bool? Bool(string column)
        {
            switch (Text(column)?.ToLowerInvariant())
            {
                case null: return null;
                case "true" or "1" or "si" or "sì" or "yes": return true;
                case "false" or "0" or "no": return false;
                case var other: Fail(column, "boolean", $"«{other}» deve essere true o false", $"'{other}' must be true or false"); return null;
            }
        }

        public IReadOnlyList<string>? List(string column) =>
            Text(column) is { } text ? [.. text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : null;

        public ActivityProfile Profile() => new()
        {
            Name = Text("name") ?? "", Description = Text("description"),
            Quartieri = List("quartieri") ?? [], Zones = List("zones") ?? [],
            StartYear = Int("startYear") ?? 0, EndYear = Int("endYear"), Status = Text("status") ?? "",
            ExcludedFromAggregates = Bool("excludedFromAggregates") ?? false, CityWide = Bool("cityWide") ?? false,
            PromoterLevel = Text("promoterLevel"), FromPdzLab = Bool("fromPdzLab"), NeedArea = Text("needArea"), Reach = Text("reach"),
            PromoterRoles = List("promoterRoles"), Activities = List("activities"), Target = Text("target"), AccessMode = Text("accessMode"),
            SstFunctions = List("sstFunctions"), Coordination = Text("coordination"), Themes = List("themes"), Purposes = List("purposes"),
            Organisations = List("organisations")?.Select(o => o.Split(':', 2) is [var id, var fns]
                ? new OrganisationLink(id.Trim(), [.. fns.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)])
                : new OrganisationLink(o, [])).ToList(),
        };

        public YearFigures Figures() => new()
        {
            Meetings = Int("meetings"), Beneficiaries = Int("beneficiaries"), BeneficiariesInCarico = Int("beneficiariesInCarico"),
            Volunteers = Int("volunteers"), OrganisationOperators = Int("organisationOperators"), Citizens = Int("citizens"),
            Operators = Operators(), Funders = List("funders"), FundingClass = Text("fundingClass"),
        };

        private IReadOnlyDictionary<string, int>? Operators()
        {
            if (List("operators") is not { } items) return null;
            var result = new Dictionary<string, int>();
            foreach (var item in items)
            {
                if (item.Split('=', 2) is [var office, var count] && int.TryParse(count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                    && result.TryAdd(office.Trim(), n)) continue;
                Fail("operators", "office=count", $"«{item}» deve essere ufficio=numero (per esempio sst=2)", $"'{item}' must be office=count (for example sst=2)");
            }
            return result;
        }
    }
}
