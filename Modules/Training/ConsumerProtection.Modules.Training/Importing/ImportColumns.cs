using System.Globalization;

namespace ConsumerProtection.Modules.Training.Importing;

/// <summary>
/// Maps a file's header to known columns (English names as in the API, or the Chinese headings HR and sign-in
/// exports use); unknown or repeated headings and missing required ones refuse the file.
/// </summary>
internal sealed class ImportColumns
{
    private readonly Dictionary<string, int> _index;

    private ImportColumns(Dictionary<string, int> index) => _index = index;

    public static ImportColumns Map(string[] header, IReadOnlyDictionary<string, string[]> known, IEnumerable<string> required)
    {
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, aliases) in known)
        {
            lookup[Normal(column)] = column;
            foreach (var a in aliases)
            {
                lookup[Normal(a)] = column;
            }
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                continue;
            }

            if (!lookup.TryGetValue(Normal(header[i]), out var column))
            {
                throw new ImportRefusedException("unknown-column", $"Column '{Shorten(header[i])}' is not known; known columns: {string.Join(", ", known.Keys)}.");
            }

            if (!index.TryAdd(column, i))
            {
                throw new ImportRefusedException("duplicate-column", $"Column '{column}' appears twice.");
            }
        }

        var missing = required.Where(r => !index.ContainsKey(r)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportRefusedException("missing-columns", $"Required column(s) missing: {string.Join(", ", missing)}.");
        }

        return new ImportColumns(index);
    }

    public bool Has(string column) => _index.ContainsKey(column);

    /// <summary>The trimmed cell of <paramref name="column"/>, or null when blank or absent.</summary>
    public string? Get(TabularRow row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.Cells.Length && !string.IsNullOrWhiteSpace(row.Cells[i]) ? row.Cells[i]!.Trim() : null;

    /// <summary>
    /// A date as yyyy-MM-dd, yyyy/M/d or yyyy-M-d; in an .xlsx also a date serial number (days since 1899-12-30, as
    /// spreadsheets store dates).
    /// </summary>
    public static DateOnly? Date(string? value, bool spreadsheet)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        if (spreadsheet && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
            && serial is >= 1 and < 2_958_466 && serial == Math.Floor(serial))
        {
            return DateOnly.FromDateTime(new DateTime(1899, 12, 30).AddDays(serial));
        }

        return null;
    }

    private static string Normal(string s) =>
        new([.. s.Trim().TrimStart('\uFEFF').Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant)]);

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
