using System.IO.Compression;
using System.Xml;

namespace ConsumerProtection.Modules.Training.Importing;

/// <summary>
/// Reads the first worksheet of an .xlsx as text cells (ECMA-376 SpreadsheetML): shared strings, inline strings, numbers
/// and booleans as written. Decompression is bounded by bytes actually inflated across every entry read (declared sizes
/// are not trusted), so a zip bomb stops at the budget; DTDs are refused (no entity expansion).
/// </summary>
internal static class XlsxReader
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const int MaxEntries = 10_000;

    public static List<TabularRow> Read(byte[] bytes, long maxUncompressed, int maxRows)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                throw new ImportRefusedException("zip-bomb", $"The workbook holds more than {MaxEntries} entries.", 413);
            }

            if (zip.GetEntry("xl/workbook.xml") is null)
            {
                throw new ImportRefusedException("unsupported-package", "The zip is not an .xlsx workbook.");
            }

            if (zip.Entries.Any(e => e.FullName.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ImportRefusedException("macro-enabled", "Macro-enabled workbooks are refused.");
            }

            var budget = new Budget(maxUncompressed);
            var sheetPath = FirstSheetPath(zip, budget);
            var strings = SharedStrings(zip, budget);
            var sheet = zip.GetEntry(sheetPath) ?? throw new ImportRefusedException("corrupt-package", "The workbook's first sheet is missing.");
            return Rows(sheet, budget, strings, maxRows);
        }
        catch (InvalidDataException e)
        {
            throw new ImportRefusedException("corrupt-package", "The workbook cannot be read: " + e.Message);
        }
        catch (XmlException e)
        {
            throw new ImportRefusedException("corrupt-package", "The workbook's XML is malformed: " + e.Message);
        }
    }

    private sealed class Budget(long max)
    {
        public long Left { get; set; } = max;
    }

    private static XmlReader Open(ZipArchiveEntry entry, Budget budget) =>
        XmlReader.Create(new BoundedStream(entry.Open(), budget), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = false, CloseInput = true,
        });

    private static string FirstSheetPath(ZipArchive zip, Budget budget)
    {
        string? relId = null;
        using (var r = Open(zip.GetEntry("xl/workbook.xml")!, budget))
        {
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "sheet" && r.NamespaceURI == Main)
                {
                    relId = r.GetAttribute("id", RelNs);
                    break;
                }
            }
        }

        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (relId is not null && rels is not null)
        {
            using var r = Open(rels, budget);
            while (r.Read())
            {
                if (r.NodeType == XmlNodeType.Element && r.LocalName == "Relationship" && r.GetAttribute("Id") == relId)
                {
                    var target = r.GetAttribute("Target") ?? "";
                    return target.StartsWith('/') ? target[1..] : "xl/" + target;
                }
            }
        }

        return "xl/worksheets/sheet1.xml";
    }

    private static List<string> SharedStrings(ZipArchive zip, Budget budget)
    {
        var list = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } entry)
        {
            return list;
        }

        using var r = Open(entry, budget);
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "si")
            {
                list.Add(Text(r));
            }
        }

        return list;
    }

    // The text of an <si> or <is>: every <t> except phonetic runs (<rPh>). Leaves the reader on the element's end tag.
    private static string Text(XmlReader r)
    {
        if (r.IsEmptyElement)
        {
            return "";
        }

        var depth = r.Depth;
        var text = new System.Text.StringBuilder();
        r.Read();
        while (!r.EOF && r.Depth > depth)
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "rPh")
            {
                r.Skip();
            }
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "t")
            {
                text.Append(r.ReadElementContentAsString());
            }
            else
            {
                r.Read();
            }
        }

        return text.ToString();
    }

    private static List<TabularRow> Rows(ZipArchiveEntry sheet, Budget budget, List<string> strings, int maxRows)
    {
        var rows = new List<TabularRow>();
        using var r = Open(sheet, budget);
        var rowNumber = 0;
        List<string?>? cells = null;
        while (r.Read())
        {
            if (r.NodeType == XmlNodeType.Element && r.LocalName == "row")
            {
                rowNumber = int.TryParse(r.GetAttribute("r"), out var n) ? n : rowNumber + 1;
                cells = [];
                if (r.IsEmptyElement)
                {
                    rows.Add(new TabularRow(rowNumber, []));
                    cells = null;
                }
            }
            else if (r.NodeType == XmlNodeType.EndElement && r.LocalName == "row" && cells is not null)
            {
                rows.Add(new TabularRow(rowNumber, [.. cells]));
                cells = null;
                if (rows.Count > maxRows)
                {
                    return rows;
                }
            }
            else if (r.NodeType == XmlNodeType.Element && r.LocalName == "c" && cells is not null)
            {
                var column = ColumnIndex(r.GetAttribute("r")) ?? cells.Count;
                if (column > 16_384)
                {
                    throw new ImportRefusedException("corrupt-package", $"Row {rowNumber}: a cell lies beyond column XFD.");
                }

                var value = Cell(r, r.GetAttribute("t"), strings);
                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                cells.Add(value);
            }
        }

        return rows;
    }

    private static string? Cell(XmlReader r, string? type, List<string> strings)
    {
        if (r.IsEmptyElement)
        {
            return null;
        }

        var depth = r.Depth;
        string? value = null;
        while (r.Read() && r.Depth > depth)
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (r.LocalName == "v")
            {
                var raw = r.ReadElementContentAsString();
                value = type switch
                {
                    "s" => int.TryParse(raw, out var i) && i >= 0 && i < strings.Count ? strings[i]
                        : throw new ImportRefusedException("corrupt-package", "A cell names a shared string that does not exist."),
                    "b" => raw == "1" ? "true" : "false",
                    _ => raw,
                };
            }
            else if (r.LocalName == "is")
            {
                value = Text(r);
            }

            if (r.Depth <= depth)
            {
                break;
            }
        }

        return value;
    }

    // "B12" → 1 (0-based column).
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var n = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            if (!char.IsAsciiLetterUpper(ch))
            {
                break;
            }

            n = (n * 26) + (ch - 'A' + 1);
            letters++;
            if (letters > 3)
            {
                return null;
            }
        }

        return letters == 0 ? null : n - 1;
    }

    private sealed class BoundedStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            budget.Left -= n;
            if (budget.Left < 0)
            {
                throw new ImportRefusedException("zip-bomb", "The workbook expands past the size limit.", 413);
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
