using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Complaints.Tests.Statistics;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Import;

/// <summary>
/// History import: the team's CFPB-mapped sample file imports, and the monthly statistics of its months equal the
/// figures <see cref="ExpectedStatistics"/> works out by hand from the file itself.
/// </summary>
public sealed class ImportComplaintsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 10, 0, 0, TimeSpan.FromHours(8));
    private ApiFactory _factory = null!;
    private HttpClient _supervisor = null!;

    private static string Sample(string name, [System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        File.ReadAllText(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../Modules/Complaints/samples", name)))
            .ReplaceLineEndings("\r\n");

    [SetUp]
    public async Task Start()
    {
        _factory = new ApiFactory(time: new FakeTimeProvider(Now));
        (_supervisor, _) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintSupervisor]);
        // Monday to Friday, as ExpectedStatistics counts: the office's own empty years win over the shipped schedules.
        using var admin = _factory.Admin();
        foreach (var year in new[] { 2025, 2026 })
        {
            (await admin.PutAsJsonAsync($"/api/v1/admin/calendar/{year}", new { days = Array.Empty<object>() })).EnsureSuccessStatusCode();
        }
    }

    [TearDown]
    public void Stop()
    {
        _supervisor.Dispose();
        _factory.Dispose();
    }

    private Task<HttpResponseMessage> ImportAsync(string text, string mediaType, bool dryRun = false) =>
        _supervisor.PostAsync("/api/v1/complaints/import" + (dryRun ? "?dryRun=true" : ""), new StringContent(text, Encoding.UTF8, mediaType));

    private async Task<long> TotalAsync() => (await _supervisor.GetFromJsonAsync<JsonElement>("/api/v1/complaints")).GetProperty("total").GetInt64();

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement;
    }

    // The file as the test reads it: plain parsing, no product code.
    private static List<FixtureComplaint> FromFile(string csv)
    {
        static DateTimeOffset? At(string s) => s.Length == 0 ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture);
        return CsvText.Table(csv).Select(r => new FixtureComplaint(r["sourceId"], At(r["receivedAt"])!.Value, r["branchId"], r["productCode"],
            r["businessChannel"], r["businessType"], r["reason"], r["intakeChannel"])
        {
            AnsweredAt = At(r["respondedAt"]),
            ClosedAt = At(r["closedAt"]),
            Upheld = r["upheld"].Length == 0 ? null : r["upheld"],
            Redress = r["redressPaid"].Length == 0 ? null : decimal.Parse(r["redressPaid"], CultureInfo.InvariantCulture),
            WithdrawnAt = At(r["withdrawnAt"]),
            RegulatorCaseId = r["regulatorCaseId"].Length == 0 ? null : r["regulatorCaseId"],
        }).ToList();
    }

    [TestCase("2025-11")]
    [TestCase("2025-12")]
    [TestCase("2026-01")]
    public async Task Import_CfpbSample_MonthlyStatisticsEqualFiguresComputedFromTheFile(string month)
    {
        var csv = Sample("history-import-from-cfpb.csv");
        var report = await OkAsync(await ImportAsync(csv, "text/csv"));
        Assert.That(report.GetProperty("imported").GetInt32(), Is.EqualTo(10));

        var expected = new ExpectedStatistics(FromFile(csv), DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints/statistics/monthly/" + month);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await _supervisor.SendAsync(request);
        var records = CsvText.Parse(await response.Content.ReadAsStringAsync());
        var figures = records.Skip(1).Where(r => r[0] is not ("meta" or "judgedBy") && !(r[0] == "handlingWorkingDays" && r[2] == "method"));
        Assert.That(figures, Is.EqualTo(expected.FigureRecords()));
        Assert.That(expected.Received + expected.Closed, Is.GreaterThan(0), "the month holds imported history");
    }

    [Test]
    public async Task Import_MarksRowsAndAudit_KeepsRealTimes_SecondRunSkips_NoAlertsForHistory()
    {
        var csv = Sample("history-import-from-cfpb.csv");
        await OkAsync(await ImportAsync(csv, "text/csv"));

        var closed = await _supervisor.GetFromJsonAsync<JsonElement>("/api/v1/complaints/by-reference?reference=CP-20251103-000001");
        Assert.Multiple(() =>
        {
            Assert.That(closed.GetProperty("status").GetString(), Is.EqualTo("Closed"));
            Assert.That(closed.GetProperty("receivedAt").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2025, 11, 3, 9, 0, 0, TimeSpan.FromHours(8))));
            Assert.That(closed.GetProperty("respondedAt").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2025, 11, 6, 15, 0, 0, TimeSpan.FromHours(8))));
        });
        using var admin = _factory.Admin();
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/complaints/records?action=complaint.imported&pageSize=50");
        Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(10));
        Assert.That(audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("after").GetProperty("imported").GetBoolean()), Has.All.True);

        // The same file again: nothing new.
        var again = await OkAsync(await ImportAsync(csv, "text/csv"));
        Assert.That((again.GetProperty("imported").GetInt32(), again.GetProperty("alreadyImported").GetInt32()), Is.EqualTo((0, 10)));
        Assert.That(await TotalAsync(), Is.EqualTo(10));

        // The open one (received 20 December) is long overdue: that is history, not a new alert.
        var job = _factory.Services.GetRequiredService<DeadlineJob>();
        Assert.That((await job.RunOnceAsync(CancellationToken.None)).AlertsRaised, Is.Zero);
    }

    [Test]
    public async Task Import_BadRecords_DryRunListsEveryOneByLineAndField_RealRunStoresNothing()
    {
        var lines = Sample("history-import-from-cfpb.csv").ReplaceLineEndings("\n").Split('\n');
        lines[2] = lines[2].Replace("PhoneHotline", "Telephone", StringComparison.Ordinal);            // line 3: intakeChannel
        lines[4] = lines[4].Replace("2025-11-30T09:00:00+08:00", "2025-11-30 09:00", StringComparison.Ordinal); // line 5: receivedAt
        lines[5] = lines[5].Replace(",Yes,980.50,", ",Maybe,980.50,", StringComparison.Ordinal);     // line 6: upheld
        lines[9] = lines[9].Replace("cfpb-3109", "cfpb-3101", StringComparison.Ordinal);             // line 10: repeated sourceId
        var bad = string.Join('\n', lines);

        var report = await OkAsync(await ImportAsync(bad, "text/csv", dryRun: true));
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.That(errors, Is.SupersetOf(new[] { (3, "intakeChannel"), (5, "receivedAt"), (6, "upheld"), (10, "sourceId") }));
        Assert.That(report.GetProperty("errors").EnumerateArray().First(e => e.GetProperty("field").GetString() == "intakeChannel")
            .GetProperty("message").GetString(), Does.Contain("PhoneHotline"), "the allowed names are listed");
        Assert.That(await TotalAsync(), Is.Zero, "a dry run stores nothing");

        var refused = await HttpAssert.Problem(await ImportAsync(bad, "text/csv"), 400);
        Assert.That(refused.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain("line 3: intakeChannel"));
        Assert.That(await TotalAsync(), Is.Zero, "all or nothing: the good records were not stored either");
    }

    [Test]
    public async Task Import_JsonLines_SameRules_UnknownFieldNamed()
    {
        var good = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["sourceId"] = "old-1", ["receivedAt"] = "2024-06-03T10:00:00+08:00", ["intakeChannel"] = "Counter", ["branchId"] = "SH001",
            ["consumerName"] = "王芳", ["consumerPhone"] = "+86 138 0000 1111", ["businessChannel"] = "A1", ["businessType"] = "B032", ["reason"] = "C11",
            ["productCode"] = "CC-GOLD", ["productName"] = "金卡信用卡", ["description"] = "年费未告知", ["respondedAt"] = "2024-06-05T10:00:00+08:00", ["outcome"] = "MonetaryRelief",
            ["responseText"] = "已退费", ["closedAt"] = "2024-06-07T10:00:00+08:00", ["upheld"] = "Yes", ["redressPaid"] = 300.5m,
        });
        var unknown = good.Replace("\"sourceId\":\"old-1\"", "\"sourceId\":\"old-2\",\"colour\":\"red\"", StringComparison.Ordinal);
        var dry = await OkAsync(await ImportAsync(good + "\n" + unknown + "\n", "application/x-ndjson", dryRun: true));
        Assert.That(dry.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString())),
            Is.EqualTo(new[] { (2, "colour") }));

        var done = await OkAsync(await ImportAsync(good + "\n", "application/x-ndjson"));
        Assert.That(done.GetProperty("imported").GetInt32(), Is.EqualTo(1));
        var list = await _supervisor.GetFromJsonAsync<JsonElement>("/api/v1/complaints?receivedFrom=2024-06-01T00:00:00%2B08:00");
        Assert.That(list.GetProperty("items")[0].GetProperty("reference").GetString(), Is.EqualTo("CP-20240603-000001"));
        await HttpAssert.Problem(await ImportAsync(good, "application/json"), 415);
    }

    [Test]
    public async Task Import_FileAboveTheHostsDefaultBodyLimit_IsRead()
    {
        // 2 MiB of records (the host refuses bodies over 1 MiB unless an endpoint declares more): a dry run reads them all.
        var header = Sample("history-import-from-cfpb.csv").Split("\r\n")[0];
        var record = Sample("history-import-from-cfpb.csv").Split("\r\n")[1];
        var text = new StringBuilder(header).Append("\r\n");
        var count = 0;
        while (text.Length < 2 * 1024 * 1024)
        {
            text.Append(record.Replace("cfpb-3101", "bulk-" + count++, StringComparison.Ordinal)).Append("\r\n");
        }

        var report = await OkAsync(await ImportAsync(text.ToString(), "text/csv", dryRun: true));
        Assert.That((report.GetProperty("records").GetInt32(), report.GetProperty("toImport").GetInt32()), Is.EqualTo((count, count)));
    }

    [Test]
    public async Task Import_CfpbMapping_EveryPublicRecordIsInTheMappedFile()
    {
        var cfpb = CsvText.Table(Sample("cfpb-public-format-sample.csv"));
        var mapped = CsvText.Table(Sample("history-import-from-cfpb.csv")).ToDictionary(r => r["sourceId"]);
        var channels = new Dictionary<string, string> { ["Web"] = "WebApp", ["Phone"] = "PhoneHotline", ["Postal mail"] = "Letter", ["Email"] = "Email", ["Referral"] = "RegulatorTransfer" };
        foreach (var r in cfpb)
        {
            var m = mapped["cfpb-" + r["Complaint ID"]];
            Assert.That(m["receivedAt"], Does.StartWith(r["Date received"] + "T09:00:00"));
            Assert.That(m["intakeChannel"], Is.EqualTo(channels[r["Submitted via"]]));
            Assert.That(m["branchId"], Is.EqualTo("US" + r["State"]));
            Assert.That(m["vulnerableElderly"] == "true", Is.EqualTo(r["Tags"].Contains("Older American", StringComparison.Ordinal)));
            Assert.That(m["respondedAt"].Length == 0, Is.EqualTo(r["Company response to consumer"] == "In progress"));
        }

        Assert.That(mapped, Has.Count.EqualTo(cfpb.Count));
    }
}
