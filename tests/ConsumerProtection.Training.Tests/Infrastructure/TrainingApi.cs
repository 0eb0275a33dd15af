using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ConsumerProtection.Training.Tests.Infrastructure;

/// <summary>Clients per role and file builders for the training tests.</summary>
internal static class TrainingApi
{
    public const string Base = "/api/v1/training";

    public static async Task<HttpClient> As(ApiFactory api, Role role, string? branch = null) =>
        api.WithKey((await api.CreateKeyAsync([role], branch, name: role + (branch ?? ""))).Secret);

    public static async Task<JsonElement> Json(HttpResponseMessage response, int status = 200)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static object StaffBody(string id, string name = "张三", string branch = "B001", string category = "FrontLine", string hire = "2020-01-15",
        string? position = null, string? leave = null, string? department = "Retail") =>
        new { staffId = id, name, branchId = branch, department, roleCategory = category, position, hireDate = hire, leaveDate = leave };

    public static Task<HttpResponseMessage> Import(HttpClient client, byte[] file, bool dryRun = false, string mediaType = "text/csv")
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return client.PostAsync($"{Base}/staff/import" + (dryRun ? "?dryRun=true" : ""), content);
    }

    public static byte[] Utf8(string text, bool bom = false) => [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(text)];

    public static byte[] Gb18030(string text) => CodePagesEncodingProvider.Instance.GetEncoding(54936)!.GetBytes(text);

    /// <summary>An .xlsx made by the OpenXml SDK: first row as shared strings, other cells as given (numbers for doubles).</summary>
    public static byte[] Xlsx(params object?[][] rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var wb = doc.AddWorkbookPart();
            wb.Workbook = new Workbook();
            var sheetPart = wb.AddNewPart<WorksheetPart>();
            var strings = wb.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var data = new SheetData();
            var index = 0;
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case double d:
                            row.Append(new Cell { CellReference = reference, CellValue = new CellValue(d.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case string s when r == 0:
                            strings.SharedStringTable.Append(new SharedStringItem(new Text(s)));
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(index++.ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                            break;
                        case var o:
                            row.Append(new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(o.ToString()!)) });
                            break;
                    }
                }

                data.Append(row);
            }

            sheetPart.Worksheet = new Worksheet(data);
            var sheets = wb.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = wb.GetIdOfPart(sheetPart), SheetId = 1, Name = "员工" });
            wb.Workbook.Save();
        }

        return stream.ToArray();
    }

    public static List<string> Column(ApiFactory api, string schema, string sql)
    {
        using var c = api.OpenFile(schema);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        var list = new List<string>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(r.IsDBNull(0) ? "<null>" : Convert.ToString(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return list;
    }

    public static async Task<string?> GetETag(HttpClient client, string staffId)
    {
        var response = await client.GetAsync($"{Base}/staff/{staffId}");
        return response.Headers.ETag?.Tag;
    }

    public static Task<HttpResponseMessage> Post(HttpClient client, string path, object body) => client.PostAsJsonAsync(Base + path, body);
}
