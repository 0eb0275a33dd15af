using System.Text;

namespace ConsumerProtection.Complaints.Tests.Statistics;

/// <summary>A strict RFC 4180 reader for test answers: quoted fields, doubled quotes, CRLF record ends.</summary>
internal static class CsvText
{
    public static List<string[]> Parse(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                Assert.That(ch, Is.Not.EqualTo('"').And.Not.EqualTo('\n').And.Not.EqualTo('\r'), $"unquoted special character at {i}");
                field.Append(ch);
            }
        }

        Assert.That(quoted, Is.False, "unterminated quoted field");
        Assert.That(fields.Count + field.Length, Is.Zero, "the last record must end with CRLF");
        return records;
    }

    /// <summary>Records as dictionaries keyed by the header row.</summary>
    public static List<Dictionary<string, string>> Table(string text)
    {
        var records = Parse(text);
        var header = records[0];
        Assert.That(records.Skip(1).Select(r => r.Length), Is.All.EqualTo(header.Length), "every record has the header's width");
        return records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)).ToList();
    }
}
