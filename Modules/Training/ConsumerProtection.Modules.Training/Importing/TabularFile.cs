using System.Text;

namespace ConsumerProtection.Modules.Training.Importing;

/// <summary>One data row of an import file: its line (CSV: the line it starts on; .xlsx: the row number) and cells.</summary>
internal sealed record TabularRow(int Line, string?[] Cells);

/// <summary>
/// An HR or sign-in sheet export, CSV or .xlsx, told apart by its bytes (never its name): a zip is .xlsx, an OLE
/// compound file (legacy .xls) is refused, anything else is CSV text — strict UTF-8 (BOM optional) when it decodes
/// as such, otherwise GB18030, which Chinese HR systems export (GB 18030-2022 maps every byte sequence a valid file holds).
/// </summary>
internal sealed class TabularFile
{
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private TabularFile(string format, string[] header, IReadOnlyList<TabularRow> rows)
    {
        Format = format;
        Header = header;
        Rows = rows;
    }

    /// <summary><c>csv-utf8</c>, <c>csv-gb18030</c> or <c>xlsx</c>.</summary>
    public string Format { get; }

    public bool IsSpreadsheet => Format == "xlsx";

    /// <summary>The first row: column names.</summary>
    public string[] Header { get; }

    public IReadOnlyList<TabularRow> Rows { get; }

    public static TabularFile Read(ReadOnlySpan<byte> bytes, long maxUncompressed, int maxRows)
    {
        if (bytes.IsEmpty)
        {
            throw new ImportRefusedException("empty", "The file is empty.");
        }

        if (bytes.StartsWith(Ole))
        {
            throw new ImportRefusedException("unsupported-format", "Legacy .xls (or encrypted Office) files are not read; save the sheet as .xlsx or CSV.");
        }

        List<TabularRow> all;
        string format;
        if (bytes.StartsWith(Zip))
        {
            all = XlsxReader.Read(bytes.ToArray(), maxUncompressed, maxRows + 1);
            format = "xlsx";
        }
        else
        {
            var (text, encoding) = Decode(bytes);
            all = CsvParser.Parse(text, maxRows + 1);
            format = encoding;
        }

        all.RemoveAll(r => r.Cells.All(string.IsNullOrWhiteSpace));
        if (all.Count == 0)
        {
            throw new ImportRefusedException("no-header", "The file has no header row.");
        }

        if (all.Count - 1 > maxRows)
        {
            throw new ImportRefusedException("too-many-rows", $"The file holds more than {maxRows} rows.", 413);
        }

        var header = all[0].Cells.Select(c => (c ?? "").Trim()).ToArray();
        return new TabularFile(format, header, all.Skip(1).ToList());
    }

    /// <summary>Strict UTF-8 (BOM dropped) when the bytes are UTF-8; otherwise GB18030. NUL bytes mean binary (or UTF-16): refused.</summary>
    internal static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
        {
            throw new ImportRefusedException("not-text", "The file is neither CSV text nor an .xlsx workbook (it holds NUL bytes; UTF-16 is not read).");
        }

        var body = bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        try
        {
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body), "csv-utf8");
        }
        catch (DecoderFallbackException)
        {
            var gb = CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                ?? throw new ImportRefusedException("not-text", "GB18030 is not available on this host.");
            try
            {
                return (gb.GetString(body), "csv-gb18030");
            }
            catch (DecoderFallbackException)
            {
                throw new ImportRefusedException("not-text", "The file is neither UTF-8 nor GB18030 text.");
            }
        }
    }
}
