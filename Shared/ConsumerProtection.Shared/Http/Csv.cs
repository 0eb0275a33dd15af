using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// RFC 4180 CSV for every module's exports: fields holding a comma, a quote, CR or LF are quoted with quotes doubled; records end in CRLF.
/// Every cell is also guarded against formula injection (OWASP "CSV injection"): a cell that starts with
/// <c>= + - @</c>, tab or CR gets a leading <c>'</c>, so a spreadsheet shows it as text instead of running it.
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

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().ContainsAny(NeedsQuotes) ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
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
