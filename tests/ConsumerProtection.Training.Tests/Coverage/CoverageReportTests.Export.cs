using System.Globalization;
using System.Text.Json;
using ConsumerProtection.Shared.Security;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Coverage;

/// <summary>The .xlsx and CSV exports of the coverage report and due lists hold the same figures as the JSON.</summary>
public sealed partial class CoverageReportTests
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // The first sheet's cells as text, row by row (opened with the OpenXml SDK, independent of the module's writer).
    private static List<List<string?>> Sheet(byte[] file)
    {
        using var doc = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var part = doc.WorkbookPart!;
        var sheet = part.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First();
        var data = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
        var rows = new List<List<string?>>();
        foreach (var row in data.Elements<Row>())
        {
            var cells = new List<string?>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, ch) => (n * 26) + ch - 'A' + 1) - 1;
                while (cells.Count < column)
                {
                    cells.Add(null);
                }

                cells.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue!.Text);
            }

            rows.Add(cells);
        }

        return rows;
    }

    private static string? Number(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDecimal().ToString(CultureInfo.InvariantCulture);

    [Test]
    public async Task Xlsx_And_Csv_Exports_HoldTheJsonFigures()
    {
        var (api, _, _) = await ScenarioAsync();
        using (api)
        {
            using var admin = await As(api, Role.TrainingAdmin);
            var json = await Json(await admin.GetAsync($"{Base}/coverage?year=2026&period=H1&by=Branch"));

            var byQuery = await admin.GetAsync($"{Base}/coverage?year=2026&period=H1&by=Branch&format=Xlsx");
            Assert.That(byQuery.Content.Headers.ContentType!.MediaType, Is.EqualTo(XlsxType));
            var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/coverage?year=2026&period=H1&by=Branch");
            request.Headers.Accept.ParseAdd(XlsxType);
            var byAccept = await admin.SendAsync(request);
            Assert.That(byAccept.Content.Headers.ContentType!.MediaType, Is.EqualTo(XlsxType));

            var sheet = Sheet(await byQuery.Content.ReadAsByteArrayAsync());
            Assert.That(sheet[0], Is.EqualTo(new[] { "year", "period", "judgedOn", "Branch", "required", "completed", "coveragePercent", "averageScore", "overdue" }));
            var units = json.GetProperty("units").EnumerateArray().Append(json.GetProperty("total")).ToList();
            Assert.That(sheet, Has.Count.EqualTo(units.Count + 1));
            for (var i = 0; i < units.Count; i++)
            {
                var u = units[i];
                var expected = new[]
                {
                    "2026", "H1", json.GetProperty("judgedOn").GetString(), u.GetProperty("unit").GetString(), u.GetProperty("required").GetInt32().ToString(CultureInfo.InvariantCulture),
                    u.GetProperty("completed").GetInt32().ToString(CultureInfo.InvariantCulture), Number(u.GetProperty("coveragePercent")), Number(u.GetProperty("averageScore")),
                    u.GetProperty("overdue").GetInt32().ToString(CultureInfo.InvariantCulture),
                };
                Assert.That(sheet[i + 1].Concat(Enumerable.Repeat<string?>(null, 9 - sheet[i + 1].Count)), Is.EqualTo(expected), $"row {i + 2}");
            }

            Assert.That(await (await admin.GetAsync($"{Base}/coverage?year=2026&period=H1&by=Branch&format=Csv")).Content.ReadAsStringAsync(),
                Does.StartWith("year,period,judgedOn,Branch,"));

            // Due lists: the export holds the whole list (unpaged) with the JSON's rows and names. Two new hires never trained are overdue.
            await Json(await Post(admin, "/staff", StaffBody("N08", name: "新员工八", hire: "2026-01-05", category: "NewHire")), 201);
            await Json(await Post(admin, "/staff", StaffBody("N09", name: "=HYPERLINK(\"x\")", hire: "2026-01-06", category: "NewHire")), 201);
            var due = await Json(await admin.GetAsync($"{Base}/due?state=Overdue&pageSize=200"));
            var dueSheet = Sheet(await (await admin.GetAsync($"{Base}/due?state=Overdue&format=Xlsx&pageSize=1")).Content.ReadAsByteArrayAsync());
            var items = due.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items.Select(i => i.GetProperty("staffId").GetString()), Does.Contain("N08").And.Contain("N09"));
            Assert.That(dueSheet, Has.Count.EqualTo(items.Count + 1));
            Assert.That(dueSheet.Skip(1).Select(r => (r[0], r[1], r[7])),
                Is.EqualTo(items.Select(i => ((string?)i.GetProperty("staffId").GetString(), (string?)i.GetProperty("name").GetString(), (string?)i.GetProperty("dueOn").GetString()))));
            var dueCsv = await (await admin.GetAsync($"{Base}/due?state=Overdue&format=Csv")).Content.ReadAsStringAsync();
            Assert.That(dueCsv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(items.Count + 1));
            Assert.That(dueCsv, Does.Contain("N09,\"'=HYPERLINK(\"\"x\"\")\""), "formula-like text is guarded in CSV; in .xlsx it is an inline string");
        }
    }

    [Test]
    public async Task Export_UnknownFormat_Is400NamingFormat()
    {
        using var api = new ConsumerProtection.Host.Tests.Infrastructure.ApiFactory();
        using var auditor = await As(api, Role.Auditor);
        await ConsumerProtection.Host.Tests.Infrastructure.HttpAssert.FieldError(await auditor.GetAsync($"{Base}/coverage?year=2026&format=xlsx"), "format");
    }
}
