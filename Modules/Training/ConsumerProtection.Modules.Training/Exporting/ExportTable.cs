using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Modules.Training.Exporting;

/// <summary>What an export answers with: JSON (the default), CSV or .xlsx.</summary>
internal enum ExportFormat
{
    /// <summary>The JSON answer (the default).</summary>
    Json,

    /// <summary>Comma-separated values (text/csv, UTF-8).</summary>
    Csv,

    /// <summary>An Excel workbook (.xlsx) with one sheet.</summary>
    Xlsx,
}

/// <summary>
/// A table to export (coverage report, due lists): a header and rows of cells — text, a number or empty — written as CSV
/// (RFC 4180, formula-like text guarded) or as an .xlsx workbook (ECMA-376 SpreadsheetML, one sheet, inline strings and
/// numbers; text is never a formula there).
/// </summary>
internal sealed record ExportTable(string Sheet, IReadOnlyList<string> Header, IReadOnlyList<object?[]> Rows)
{
    public const string XlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>The format asked for: <c>format=</c> first, else the Accept header (.xlsx, CSV), else JSON.</summary>
    public static ExportFormat Chosen(HttpRequest request, ExportFormat? format) =>
        format ?? (request.Headers.Accept.Any(a => a is not null && a.Contains(XlsxMediaType, StringComparison.OrdinalIgnoreCase)) ? ExportFormat.Xlsx
            : Csv.Wanted(request) ? ExportFormat.Csv : ExportFormat.Json);

    /// <summary>The CSV or .xlsx answer (<paramref name="name"/> names the download).</summary>
    public IResult Result(ExportFormat format, string name) => format == ExportFormat.Xlsx
        ? TypedResults.File(ToXlsx(), XlsxMediaType, name + ".xlsx")
        : TypedResults.Text(ToCsv(), Csv.ContentType);

    public string ToCsv()
    {
        var text = new StringBuilder();
        Csv.AppendRecord(text, Header);
        foreach (var row in Rows)
        {
            Csv.AppendRecord(text, row.Select(Text));
        }

        return text.ToString();
    }

    public byte[] ToXlsx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Entry(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Entry(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            Write(zip, "xl/workbook.xml", w =>
            {
                w.WriteStartElement("workbook", Main);
                w.WriteAttributeString("xmlns", "r", null, "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
                w.WriteStartElement("sheets", Main);
                w.WriteStartElement("sheet", Main);
                w.WriteAttributeString("name", Sheet);
                w.WriteAttributeString("sheetId", "1");
                w.WriteAttributeString("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "rId1");
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            });
            Write(zip, "xl/worksheets/sheet1.xml", w =>
            {
                w.WriteStartElement("worksheet", Main);
                w.WriteStartElement("sheetData", Main);
                WriteRow(w, 1, [.. Header]);
                for (var i = 0; i < Rows.Count; i++)
                {
                    WriteRow(w, i + 2, Rows[i]);
                }

                w.WriteEndElement();
                w.WriteEndElement();
            });
        }

        return stream.ToArray();
    }

    private static string? Text(object? cell) => cell switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString(),
    };

    private static void WriteRow(XmlWriter w, int number, object?[] cells)
    {
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < cells.Length; c++)
        {
            if (cells[c] is null)
            {
                continue;
            }

            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", Column(c) + number.ToString(CultureInfo.InvariantCulture));
            if (cells[c] is int or long or decimal or double)
            {
                w.WriteElementString("v", Main, Text(cells[c]));
            }
            else
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is", Main);
                w.WriteStartElement("t", Main);
                w.WriteAttributeString("xml", "space", null, "preserve");
                w.WriteString(XmlSafe(Text(cells[c])!));
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    // A, B, … Z, AA, AB, …
    private static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    // Characters XML 1.0 cannot hold are dropped.
    private static string XmlSafe(string s) => s.Any(ch => !XmlConvert.IsXmlChar(ch) && !char.IsSurrogate(ch)) ? new string([.. s.Where(ch => XmlConvert.IsXmlChar(ch) || char.IsSurrogate(ch))]) : s;

    private static void Entry(ZipArchive zip, string path, string xml)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Fastest).Open(), new UTF8Encoding(false));
        writer.Write(xml);
    }

    private static void Write(ZipArchive zip, string path, Action<XmlWriter> body)
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        w.WriteStartDocument(true);
        body(w);
        w.WriteEndDocument();
    }
}
