using System.Net;
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

namespace ConsumerProtection.Complaints.Tests.DeadlineAlerts;

/// <summary>
/// Deadlines on the shipped 2026 schedule (State Council notice of 2025-11-04), re-stamped when the office changes the
/// year: open complaints get the new deadline, an audit row and a new ETag; closed ones keep what they were judged by.
/// </summary>
internal sealed class CalendarRestampTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    // Monday 2026-09-28 09:00: 5 working days are Sep 29, 30, Oct 8, 9 and Sat Oct 10 (make-up day).
    private static readonly DateTimeOffset Received = new(2026, 9, 28, 9, 0, 0, Shanghai);

    private FakeTimeProvider _time = null!;
    private ApiFactory _factory = null!;
    private HttpClient _admin = null!;

    [SetUp]
    public void Start()
    {
        _time = new FakeTimeProvider(Received.AddMinutes(5));
        _factory = new ApiFactory(time: _time);
        _admin = _factory.Admin();
    }

    [TearDown]
    public void Stop()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    private async Task<(JsonElement Body, string ETag)> GetAsync(Guid id)
    {
        using var response = await _admin.GetAsync($"/api/v1/complaints/{id}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return (JsonDocument.Parse(text).RootElement, response.Headers.ETag!.Tag);
    }

    private async Task<long> AuditCountAsync(Guid id) =>
        (await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/complaints/records?action=complaint.deadline-restamped&entityId={id}"))
            .GetProperty("total").GetInt64();

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<Guid> FileAsync(DateTimeOffset at) =>
        (await ComplaintsApi.FileAsync(_admin, ComplaintsApi.Body(at))).GetProperty("id").GetGuid();

    private async Task<Guid> FileAndCloseAsync(DateTimeOffset at)
    {
        var (supervisor, _) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintSupervisor]);
        var (handler, handlerId) = await ComplaintsApi.ClientAsync(_factory, [Role.ComplaintHandler], department: "cards-team");
        using (supervisor)
        using (handler)
        {
            var id = (await ComplaintsApi.FileAsync(supervisor, ComplaintsApi.Body(at))).GetProperty("id").GetGuid();
            await OkAsync(await ComplaintsApi.ActAsync(supervisor, id, "assign", 1, new { departmentId = "cards-team", handlerId }));
            await OkAsync(await ComplaintsApi.ActAsync(handler, id, "start", 2));
            await OkAsync(await ComplaintsApi.ActAsync(handler, id, "respond", 3, new { outcome = "ClosedWithExplanation", responseText = "已解释" }));
            await OkAsync(await ComplaintsApi.ActAsync(handler, id, "follow-up", 4, new { satisfied = true, satisfactionScore = 5 }));
            await OkAsync(await ComplaintsApi.ActAsync(handler, id, "close", 5, new { rootCause = "告知不足", remediation = "修订告知书", accountability = "通报", upheld = "No" }));
            return id;
        }
    }

    private static DateTimeOffset Due(JsonElement complaint) => complaint.GetProperty("deadlines").GetProperty("internalDueAt").GetDateTimeOffset();

    [Test]
    public async Task OfficeChangesTheYear_OpenComplaintReStamped_Audited_ETagChanged_ClosedUntouched()
    {
        var open = await FileAsync(Received);
        var closed = await FileAndCloseAsync(Received);
        var (before, beforeETag) = await GetAsync(open);
        var (closedBefore, closedETag) = await GetAsync(closed);
        Assert.Multiple(() =>
        {
            Assert.That(Due(before), Is.EqualTo(new DateTimeOffset(2026, 10, 11, 0, 0, 0, Shanghai)), "end of Sat Oct 10 (make-up day)");
            Assert.That(before.GetProperty("deadlines").GetProperty("calendarMaintained").GetBoolean(), Is.True);
            Assert.That(before.GetProperty("deadlines").GetProperty("calendarVersion").GetString(), Is.EqualTo("2026v1"));
            Assert.That(Due(closedBefore), Is.EqualTo(Due(before)));
        });

        // The office replaces 2026 with its own list: only Oct 1 and 2 off, no make-up days.
        var own = new { days = new[] { new { date = "2026-10-01", kind = "Holiday", name = "国庆节" }, new { date = "2026-10-02", kind = "Holiday", name = "国庆节" } } };
        (await _admin.PutAsJsonAsync("/api/v1/admin/calendar/2026", own)).EnsureSuccessStatusCode();

        var (after, afterETag) = await GetAsync(open);
        var (closedAfter, closedAfterETag) = await GetAsync(closed);
        Assert.Multiple(async () =>
        {
            Assert.That(Due(after), Is.EqualTo(new DateTimeOffset(2026, 10, 8, 0, 0, 0, Shanghai)), "Sep 29, 30, Oct 5, 6, 7");
            Assert.That(after.GetProperty("deadlines").GetProperty("calendarVersion").GetString(), Is.EqualTo("2026v2"));
            Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(before.GetProperty("version").GetInt64() + 1));
            Assert.That(afterETag, Is.Not.EqualTo(beforeETag));
            Assert.That(await AuditCountAsync(open), Is.EqualTo(1));
            Assert.That(Due(closedAfter), Is.EqualTo(Due(closedBefore)), "a closed complaint keeps the deadline it was judged by");
            Assert.That(closedAfter.GetProperty("deadlines").GetProperty("calendarVersion").GetString(), Is.EqualTo("2026v1"));
            Assert.That(closedAfterETag, Is.EqualTo(closedETag));
            Assert.That(await AuditCountAsync(closed), Is.Zero);
        });
    }

    [Test]
    public async Task StaleStamp_LeftByACrash_IsCaughtUpByTheDeadlineJob_AndReJudged()
    {
        var id = await FileAsync(Received);
        // As if the host stopped between the calendar commit and the notice: the row still names version 0.
        using (var file = _factory.OpenFile("complaints"))
        using (var cmd = file.CreateCommand())
        {
            cmd.CommandText = "UPDATE complaint SET calendar_stamp = '2026v0', internal_due_at = '2026-10-05T16:00:00.0000000Z', due_state = 'Overdue'";
            Assert.That(cmd.ExecuteNonQuery(), Is.EqualTo(1));
        }

        await _factory.Services.GetRequiredService<DeadlineJob>().RunOnceAsync(CancellationToken.None);
        var (after, _) = await GetAsync(id);
        Assert.Multiple(async () =>
        {
            Assert.That(Due(after), Is.EqualTo(new DateTimeOffset(2026, 10, 11, 0, 0, 0, Shanghai)));
            Assert.That(after.GetProperty("deadlines").GetProperty("calendarVersion").GetString(), Is.EqualTo("2026v1"));
            Assert.That(after.GetProperty("deadlines").GetProperty("dueState").GetString(), Is.EqualTo("OnTrack"));
            Assert.That(await AuditCountAsync(id), Is.EqualTo(1));
        });
        await _factory.Services.GetRequiredService<DeadlineJob>().RunOnceAsync(CancellationToken.None);
        Assert.That(await AuditCountAsync(id), Is.EqualTo(1), "a current stamp is left alone");
    }

    [Test]
    public async Task DeadlineInAnUnmaintainedYear_IsProvisional_InViewListAndExport_UntilTheYearIsImported()
    {
        // Mon 2026-12-28 23:30: Dec 29, 30, 31, then 2027 has no schedule, so Fri Jan 1 counts: Jan 1 and Jan 4.
        var at = new DateTimeOffset(2026, 12, 28, 23, 30, 0, Shanghai);
        _time.SetUtcNow(at.AddMinutes(5));
        var id = await FileAsync(at);
        var (view, _) = await GetAsync(id);
        var list = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints");
        var csv = CsvText.Table(Encoding.UTF8.GetString(await _admin.GetByteArrayAsync("/api/v1/complaints/export")).TrimStart('\uFEFF'));
        Assert.Multiple(() =>
        {
            Assert.That(Due(view), Is.EqualTo(new DateTimeOffset(2027, 1, 5, 0, 0, 0, Shanghai)));
            Assert.That(view.GetProperty("deadlines").GetProperty("calendarMaintained").GetBoolean(), Is.False);
            Assert.That(view.GetProperty("deadlines").GetProperty("calendarVersion").GetString(), Is.EqualTo("2026v1,2027v0"));
            Assert.That(list.GetProperty("items")[0].GetProperty("calendarMaintained").GetBoolean(), Is.False);
            Assert.That(csv.Single()["calendarMaintained"], Is.EqualTo("false"));
            Assert.That(csv.Single()["calendarVersion"], Is.EqualTo("2026v1,2027v0"));
        });

        var file = """
            {"format":"cp-calendar/1","year":2027,"source":"test schedule (not a State Council notice)","noticeDate":"2026-11-10",
             "holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-03","workdays":[]}]}
            """;
        using var import = await _admin.PostAsync("/api/v1/admin/calendar/import", HttpAssert.Json(file));
        Assert.That(import.IsSuccessStatusCode, Is.True, await import.Content.ReadAsStringAsync());
        var (after, _) = await GetAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(Due(after), Is.EqualTo(new DateTimeOffset(2027, 1, 6, 0, 0, 0, Shanghai)), "Dec 29, 30, 31, Jan 4, 5");
            Assert.That(after.GetProperty("deadlines").GetProperty("calendarMaintained").GetBoolean(), Is.True);
            Assert.That(after.GetProperty("deadlines").GetProperty("calendarVersion").GetString(), Is.EqualTo("2026v1,2027v1"));
        });
    }
}
