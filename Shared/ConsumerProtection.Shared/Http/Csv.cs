using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// RFC 4180 CSV for every module's exports: fields holding a comma, a quote, CR or LF are quoted with quotes doubled; records end in CRLF.
/// Every cell is also guarded against formula injection (OWASP "CSV injection"): a cell that starts with
/// <c>= + - @</c>, tab or CR — also behind leading white space, zero-width characters or a byte-order mark, which
/// spreadsheets skip — gets a leading <c>'</c>, so a spreadsheet shows it as text instead of running it.
/// </summary>
public static class Csv
{
    /// <summary>The CSV media type.</summary>
    public const string MediaType = "text/csv";

    /// <summary>The Content-Type of a UTF-8 CSV answer.</summary>
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    /// <summary>One cell, guarded and quoted as needed; null is an empty cell.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (StartsLikeFormula(value))
        {
            value = "'" + value;
        }

        return value.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>True when a spreadsheet could read <paramref name="value"/> as a formula.</summary>
    public static bool StartsLikeFormula(string value)
    {
        foreach (var ch in value)
        {
            if (ch is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n')
            {
                return true;
            }

            // Skip what a spreadsheet skips before a formula: spaces, other white space, zero-width and format characters (BOM).
            if (!char.IsWhiteSpace(ch) && char.GetUnicodeCategory(ch) != System.Globalization.UnicodeCategory.Format)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Appends one record (CRLF-terminated) to <paramref name="text"/>.</summary>
    public static void AppendRecord(StringBuilder text, IEnumerable<string?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            text.Append(Field(cell));
            first = false;
        }

        text.Append("\r\n");
    }

    /// <summary>
    /// True when the caller asks for CSV: <c>Accept</c> names <c>text/csv</c> and does not rank JSON higher.
    /// Without an Accept header the answer is JSON.
    /// </summary>
    public static bool Wanted(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        double Quality(string type) => accept
            .Where(a => a.MediaType.Equals(type, StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(0).Max();
        var csv = Quality(MediaType);
        return csv > 0 && csv >= Quality("application/json");
    }
}
