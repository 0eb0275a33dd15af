using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Complaints.Tests.Statistics;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Reading;

/// <summary>GET /api/v1/complaints/export: the search's filters and scope, consumer columns on request only, safe CSV.</summary>
public sealed class ExportComplaintsTests
{
    private const string Url = "/api/v1/complaints/export";
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    // Chinese, emoji (a surrogate pair), right-to-left text, quotes, commas and a line break: all must come back exactly.
    private const string Tricky = "年费收取未事先告知 😀 \"引号\"，逗号, comma\r\n第二行 שלום עולם";

    private ApiFactory _factory = null!;
    private HttpClient _supervisor = null!;

    [OneTimeSetUp]
    public async Task Seed()
    {
        _factory = new ApiFactory(time: new FakeTimeProvider(Now));
        (_supervisor, _) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintSupervisor]);
        await FileAsync("SH001", "B032", Tricky, "王芳", "+86 138 0000 1111");
        await FileAsync("SH001", "B02", "=HYPERLINK(\"http://evil.example\",\"点我\")", "@SUM(A1)", "+86 138 0000 2222", "+SUM(1,2)");
        await FileAsync("SH002", "B032", "-2+3 退款未到账", "李雷", "+86 138 0000 3333");
        await FileAsync("SH002", "B02", "贷款利率", "韩梅梅", "+86 138 0000 4444");
    }

    private async Task FileAsync(string branch, string type, string description, string name, string phone, string product = "金卡信用卡")
    {
        _factory.Time!.Advance(TimeSpan.FromMinutes(1));
        await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(_factory.Time.GetUtcNow(), b =>
        {
            (b["branchId"], b["businessType"], b["description"], b["productName"]) = (branch, type, description, product);
            b["consumer"] = new Dictionary<string, object?> { ["name"] = name, ["phone"] = phone };
        }));
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _supervisor.Dispose();
        _factory.Dispose();
    }

    private sealed record Export(List<Dictionary<string, string>> Rows, string Text, string? ContentType, string? Disposition, string Total);

    private static async Task<Export> ExportAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync(Url + query);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "UTF-8 with a byte-order mark, for Excel");
        return new Export(CsvText.Table(text.TrimStart('\uFEFF')), text, response.Content.Headers.ContentType?.ToString(),
            response.Content.Headers.ContentDisposition?.DispositionType, response.Headers.GetValues("X-Total-Count").Single());
    }

    [Test]
    public async Task Export_Supervisor_AllRowsAsCsvAttachment_WithoutConsumerColumns()
    {
        var (rows, text, contentType, disposition, total) = await ExportAsync(_supervisor);
        Assert.Multiple(() =>
        {
            Assert.That(contentType, Is.EqualTo("text/csv; charset=utf-8"));
            Assert.That(disposition, Is.EqualTo("attachment"));
            Assert.That(total, Is.EqualTo("4"));
            Assert.That(rows, Has.Count.EqualTo(4));
            Assert.That(rows[0].Keys, Does.Contain("reference").And.Contain("description"));
            Assert.That(rows[0].Keys, Has.None.StartsWith("consumer"));
            Assert.That(text, Does.Not.Contain("王芳").And.Not.Contain("13800001111"), "no personal data unless asked");
        });
    }

    [Test]
    public async Task Export_Filters_AndSort_Apply()
    {
        var b02 = (await ExportAsync(_supervisor, "?businessType=B02&sort=receivedAt")).Rows;
        var one = (await ExportAsync(_supervisor, "?branchId=SH002&businessType=B032")).Rows;
        Assert.Multiple(() =>
        {
            Assert.That(b02.Select(r => (r["branchId"], r["businessType"])), Is.EqualTo(new[] { ("SH001", "B02"), ("SH002", "B02") }));
            Assert.That(one.Select(r => r["description"]), Is.EqualTo(new[] { "'-2+3 退款未到账" }));
        });
    }

    [Test]
    public async Task Export_Teller_SeesOwnBranchOnly()
    {
        using var teller = (await ComplaintsApi.ClientAsync(_factory, [Role.Teller], branch: "SH001")).Client;
        var own = (await ExportAsync(teller)).Rows;
        var other = await ExportAsync(teller, "?branchId=SH002");
        Assert.Multiple(() =>
        {
            Assert.That(own.Select(r => r["branchId"]), Is.EqualTo(new[] { "SH001", "SH001" }));
            Assert.That(other.Rows, Is.Empty);
            Assert.That(other.Total, Is.EqualTo("0"));
        });
    }

    [Test]
    public async Task Export_IncludeConsumer_AddsColumns_AndRecordsTheAccess()
    {
        var rows = (await ExportAsync(_supervisor, "?includeConsumer=true&sort=receivedAt")).Rows;
        using var admin = _factory.Admin();
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/complaints/records?action=complaint.exported-with-consumer");
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r["consumerName"]), Is.EqualTo(new[] { "王芳", "'@SUM(A1)", "李雷", "韩梅梅" }));
            Assert.That(rows[0]["consumerPhone"], Is.EqualTo("'+8613800001111"), "stored normalised; guarded since it starts with +");
            Assert.That(rows[0].Keys, Is.SupersetOf(new[] { "consumerEmail", "consumerIdType", "consumerIdNumber" }));
            Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(1));
            Assert.That(audit.GetProperty("items")[0].GetProperty("after").GetProperty("rows").GetInt64(), Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Export_FormulaCells_AreGuarded()
    {
        var rows = (await ExportAsync(_supervisor, "?businessType=B02&branchId=SH001")).Rows;
        Assert.Multiple(() =>
        {
            Assert.That(rows.Single()["description"], Is.EqualTo("'=HYPERLINK(\"http://evil.example\",\"点我\")"));
            Assert.That(rows.Single()["productName"], Is.EqualTo("'+SUM(1,2)"));
        });
    }

    [Test]
    public async Task Export_ChineseEmojiAndRightToLeftText_RoundTrip()
    {
        var rows = (await ExportAsync(_supervisor, "?businessType=B032&branchId=SH001")).Rows;
        Assert.That(rows.Single()["description"], Is.EqualTo(Tricky));
    }

    [Test]
    public async Task Export_BadSort_Answers400_AndRegulator403()
    {
        using var bad = await _supervisor.GetAsync(Url + "?sort=consumer_name");
        await HttpAssert.FieldError(bad, "sort");
        using var regulator = (await ComplaintsApi.ClientAsync(_factory, [Role.Regulator])).Client;
        using var refused = await regulator.GetAsync(Url);
        await HttpAssert.Problem(refused, 403);
    }
}
