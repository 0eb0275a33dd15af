using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Attendance;

/// <summary>Correcting and deleting one attendance row: reason, If-Match, audit, correction log, coverage summary.</summary>
public sealed class AttendanceCorrectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(ApiFactory Api, HttpClient Admin, Guid Session)> SetUpAsync()
    {
        var api = new ApiFactory(time: new FakeTimeProvider(Now));
        var admin = await As(api, Role.TrainingAdmin);
        await Json(await Post(admin, "/staff", StaffBody("E1")), 201);
        await Json(await Post(admin, "/staff", StaffBody("E2", branch: "B002")), 201);
        await Json(await Post(admin, "/courses", new { code = "CP-101", titleZh = "消保基础", topic = "ConsumerProtectionPolicy", hours = 2, mode = "Classroom", passMark = 60 }), 201);
        var session = (await Json(await Post(admin, "/sessions", new { courseCode = "CP-101", startsAt = "2026-05-20T09:00:00+08:00", trainer = "T", location = "3F", branchId = "B001" }), 201)).GetProperty("id").GetGuid();
        await Json(await Post(admin, $"/sessions/{session}/attendance", new
        {
            entries = new object[] { new { staffId = "E1", status = "Present", score = 85 }, new { staffId = "E2", status = "Present", score = 70 } },
        }));
        return (api, admin, session);
    }

    private static string Row(ApiFactory api, string staff) =>
        string.Join(",", Column(api, "training", $"SELECT status || ':' || minutes || ':' || COALESCE(score, '-') || ':' || qualifies || ':' || version FROM training_record WHERE staff_id = '{staff}'"));

    private static string Summary(ApiFactory api, string staff) => string.Join(",", Column(api, "training", $"SELECT cells FROM staff_year WHERE staff_id = '{staff}'"));

    private static HttpRequestMessage Request(HttpMethod method, string path, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, Base + path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.ParseAdd(ifMatch);
        }

        return request;
    }

    [Test]
    public async Task Correction_ChangesTheRow_LogsTheReason_AuditsWithoutIt_AndRefreshesTheSummary()
    {
        var (api, admin, session) = await SetUpAsync();
        using (api)
        using (admin)
        {
            var path = $"/sessions/{session}/attendance/E1";
            var read = await admin.GetAsync(Base + path);
            var etag = read.Headers.ETag!.Tag;
            Assert.That(etag, Is.EqualTo("\"1\""));
            Assert.That(Summary(api, "E1"), Is.EqualTo("2,0,1,120,85,1"), "Q2, ConsumerProtectionPolicy: one qualifying session, 120 minutes, score 85");

            var corrected = await Json(await admin.SendAsync(Request(HttpMethod.Put, path, new { status = "Late", hoursCredited = 1.5, score = 55, reason = "分数录入错误" }, etag)));
            Assert.Multiple(() =>
            {
                Assert.That(corrected.GetProperty("qualifies").GetBoolean(), Is.False, "55 is below the pass mark");
                Assert.That(corrected.GetProperty("hoursCredited").GetDecimal(), Is.EqualTo(1.5m));
                Assert.That(Row(api, "E1"), Is.EqualTo("Late:90:55:0:2"));
                Assert.That(Summary(api, "E1"), Is.EqualTo("2,0,0,0,55,1"));
                Assert.That(Column(api, "training", "SELECT action || ':' || reason FROM record_correction"), Is.EqualTo(new[] { "attendance.corrected:分数录入错误" }));
                var audit = Column(api, "training", "SELECT COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit_log WHERE action = 'attendance.corrected'");
                Assert.That(audit, Has.Count.EqualTo(1));
                Assert.That(audit[0], Does.Not.Contain("分数录入错误").And.Contain("Late"));
            });

            // The old ETag is stale now; a missing one is 428.
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Put, path, new { status = "Present", reason = "again" }, etag))).StatusCode, Is.EqualTo(412));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Put, path, new { status = "Present", reason = "again" }, null))).StatusCode, Is.EqualTo(428));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Delete, path, new { reason = "again" }, null))).StatusCode, Is.EqualTo(428));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Delete, path, new { reason = "again" }, etag))).StatusCode, Is.EqualTo(412));

            var deleted = await admin.SendAsync(Request(HttpMethod.Delete, path, new { reason = "not on the sheet" }, "\"2\""));
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
            Assert.Multiple(() =>
            {
                Assert.That(Row(api, "E1"), Is.Empty);
                Assert.That(Summary(api, "E1"), Is.Empty, "no records left in the year: no summary row");
                Assert.That(Column(api, "training", "SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.deleted'"), Is.EqualTo(new[] { "1" }));
                Assert.That(Row(api, "E2"), Is.EqualTo("Present:120:70:1:1"), "the other attendee is untouched");
            });
            Assert.That((int)(await admin.GetAsync(Base + path)).StatusCode, Is.EqualTo(404));
        }
    }

    [TestCase("reason", """{"status":"Present"}""")]
    [TestCase("reason", """{"status":"Present","reason":"   "}""")]
    [TestCase("status", """{"reason":"x"}""")]
    [TestCase("status", """{"status":"External","reason":"x"}""")]
    [TestCase("score", """{"status":"Present","score":101,"reason":"x"}""")]
    [TestCase("score", """{"status":"Absent","score":50,"reason":"x"}""")]
    [TestCase("hoursCredited", """{"status":"Present","hoursCredited":-1,"reason":"x"}""")]
    [TestCase("hoursCredited", """{"status":"Present","hoursCredited":2.5,"reason":"x"}""")]
    [TestCase("hoursCredited", """{"status":"Present","hoursCredited":0.001,"reason":"x"}""")]
    public async Task Correction_BadInput_400NamesField_NothingStored(string field, string json)
    {
        var (api, admin, session) = await SetUpAsync();
        using (api)
        using (admin)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"{Base}/sessions/{session}/attendance/E1") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.IfMatch.ParseAdd("\"1\"");
            await HttpAssert.FieldError(await admin.SendAsync(request), field);
            Assert.Multiple(() =>
            {
                Assert.That(Row(api, "E1"), Is.EqualTo("Present:120:85:1:1"));
                Assert.That(Column(api, "training", "SELECT COUNT(*) FROM record_correction"), Is.EqualTo(new[] { "0" }));
                Assert.That(Column(api, "training", "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'attendance.c%'"), Is.EqualTo(new[] { "0" }));
            });
        }
    }

    [Test]
    public async Task Corrections_OnlyForTrainingAdmin_AndOtherBranchesAre404ForABranchManager()
    {
        var (api, admin, session) = await SetUpAsync();
        using (api)
        using (admin)
        {
            using var manager = await As(api, Role.BranchManager, "B001");
            Assert.That((int)(await manager.GetAsync($"{Base}/sessions/{session}/attendance/E1")).StatusCode, Is.EqualTo(200));
            Assert.That((int)(await manager.GetAsync($"{Base}/sessions/{session}/attendance/E2")).StatusCode, Is.EqualTo(404), "E2 works in B002");
            var put = await manager.SendAsync(Request(HttpMethod.Put, $"/sessions/{session}/attendance/E1", new { status = "Absent", reason = "x" }, "\"1\""));
            Assert.That((int)put.StatusCode, Is.EqualTo(403));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Put, $"/sessions/{Guid.NewGuid()}/attendance/E1", new { status = "Absent", reason = "x" }, "\"1\""))).StatusCode, Is.EqualTo(404));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Delete, $"/sessions/{session}/attendance/NOBODY", new { reason = "x" }, "\"1\""))).StatusCode, Is.EqualTo(404));
        }
    }
}
