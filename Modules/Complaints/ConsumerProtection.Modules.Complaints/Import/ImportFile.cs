using System.Text;
using System.Text.Json;

namespace ConsumerProtection.Modules.Complaints.Import;

/// <summary>One record of an import file: its line number (the line it starts on) and its fields by name, as text.</summary>
internal sealed record ImportRecord(int Line, IReadOnlyDictionary<string, string?> Fields);

/// <summary>A problem with one record's field (line 1 and the column name for a bad CSV header).</summary>
internal sealed record ImportError(int Line, string Field, string Message);

/// <summary>
/// Reads an import file into records of named text fields: CSV (RFC 4180, a header line naming the fields, UTF-8,
/// optional byte-order mark) or JSON lines (one flat object a line, the same names). One shape, so the rules that
/// follow are written once.
/// </summary>
internal static class ImportFile
{
    public const string CsvMediaType = "text/csv";
    public const string JsonLinesMediaType = "application/x-ndjson";

    public static List<ImportRecord> Read(string text, bool csv, IReadOnlySet<string> known, List<ImportError> errors) =>
        csv ? ReadCsv(text.TrimStart('\uFEFF'), known, errors) : ReadJsonLines(text.TrimStart('\uFEFF'), known, errors);

    private static List<ImportRecord> ReadJsonLines(string text, IReadOnlySet<string> known, List<ImportError> errors)
    {
        var records = new List<ImportRecord>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new ImportError(i + 1, "", "must be one JSON object."));
                    continue;
                }

                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (!known.Contains(p.Name))
                    {
                        errors.Add(new ImportError(i + 1, p.Name, "is not a field of the import format."));
                        continue;
                    }

                    if (!fields.TryAdd(p.Name, Text(p.Value)))
                    {
                        errors.Add(new ImportError(i + 1, p.Name, "appears twice."));
                    }
                    else if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        errors.Add(new ImportError(i + 1, p.Name, "must be a string, number, boolean or null."));
                    }
                }
            }
            catch (JsonException)
            {
                errors.Add(new ImportError(i + 1, "", "is not valid JSON."));
                continue;
            }

            records.Add(new ImportRecord(i + 1, fields));
        }

        return records;
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    private static List<ImportRecord> ReadCsv(string text, IReadOnlySet<string> known, List<ImportError> errors)
    {
        var rows = ParseCsv(text, errors);
        var records = new List<ImportRecord>();
        if (rows.Count == 0)
        {
            errors.Add(new ImportError(1, "", "the file is empty; the first line names the fields."));
            return records;
        }

        var header = rows[0].Cells;
        foreach (var name in header.Where(h => !known.Contains(h)))
        {
            errors.Add(new ImportError(1, name, "is not a field of the import format."));
        }

        foreach (var name in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(new ImportError(1, name, "appears twice in the header."));
        }

        foreach (var (line, cells) in rows.Skip(1))
        {
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue;
            }

            if (cells.Count != header.Count)
            {
                errors.Add(new ImportError(line, "", $"has {cells.Count} cells; the header names {header.Count}."));
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                // An empty cell is an absent value.
                fields.TryAdd(header[i], cells[i].Length == 0 ? null : cells[i]);
            }

            records.Add(new ImportRecord(line, fields));
        }

        return records;
    }

    /// <summary>RFC 4180 records with the line each starts on; quoted cells may hold commas, quotes ("") and line breaks.</summary>
    private static List<(int Line, List<string> Cells)> ParseCsv(string text, List<ImportError> errors)
    {
        var rows = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var (line, start, quoted, i) = (1, 1, false, 0);
        while (i < text.Length)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i += 2;
                    continue;
                }

                if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    cell.Append(ch);
                }

                i++;
                continue;
            }

            switch (ch)
            {
                case '"' when cell.Length == 0:
                    quoted = true;
                    break;
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    cells.Add(cell.ToString());
                    rows.Add((start, cells));
                    (cells, line) = ([], line + 1);
                    cell.Clear();
                    start = line;
                    break;
                default:
                    cell.Append(ch);
                    break;
            }

            i++;
        }

        if (quoted)
        {
            errors.Add(new ImportError(start, "", "a quoted cell is not closed."));
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            rows.Add((start, cells));
        }

        return rows;
    }
}
