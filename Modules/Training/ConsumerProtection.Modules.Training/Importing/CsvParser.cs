using System.Text;

namespace ConsumerProtection.Modules.Training.Importing;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields quoted with <c>"</c> (a quote inside doubled) may hold commas and line breaks;
/// records end in CRLF or LF. Each record keeps the line it starts on, so errors name the line a spreadsheet user sees.
/// </summary>
internal static class CsvParser
{
    public static List<TabularRow> Parse(string text, int maxRows)
    {
        var rows = new List<TabularRow>();
        var cells = new List<string?>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch == '"' && field.Length == 0)
            {
                var start = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new ImportRefusedException("bad-csv", $"Line {start}: a quoted field is not closed.");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    if (text[i] == '\n')
                    {
                        line++;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    throw new ImportRefusedException("bad-csv", $"Line {line}: text follows a closing quote.");
                }

                continue;
            }

            if (ch == ',')
            {
                cells.Add(field.ToString());
                field.Clear();
                i++;
                continue;
            }

            if (ch is '\r' or '\n')
            {
                i += ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                cells.Add(field.ToString());
                field.Clear();
                rows.Add(new TabularRow(recordLine, [.. cells]));
                cells.Clear();
                line++;
                recordLine = line;
                if (rows.Count > maxRows)
                {
                    return rows;
                }

                continue;
            }

            field.Append(ch);
            i++;
        }

        if (field.Length > 0 || cells.Count > 0)
        {
            cells.Add(field.ToString());
            rows.Add(new TabularRow(recordLine, [.. cells]));
        }

        return rows;
    }
}
