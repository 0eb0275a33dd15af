using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Attendance;

/// <summary>Reading, correcting and deleting an external record: rules as on entry, reason, If-Match, audit, correction log, summary.</summary>
public sealed class ExternalRecordCorrectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static object Body(string completedOn = "2026-05-02", double hours = 2, int? score = 80, bool passed = true, string? reason = "证书日期录入错误") => new
    {
        title = "监管机构消保培训", provider = "国家金融监督管理总局", topic = "ConsumerProtectionPolicy", completedOn, hours, score, passed,
        evidenceReference = "CERT-2026-0001", reason,
    };

    private static async Task<(ApiFactory Api, HttpClient Admin, Guid Id, string Location)> SetUpAsync()
    {
        var api = new ApiFactory(time: new FakeTimeProvider(Now));
        var admin = await As(api, Role.TrainingAdmin);
        await Json(await Post(admin, "/staff", StaffBody("E1")), 201);
        await Json(await Post(admin, "/staff", StaffBody("E2", branch: "B002", hire: "2026-01-10")), 201);
        var created = await Post(admin, "/external-records", new
        {
            staffId = "E2", title = "监管机构消保培训", provider = "国家金融监督管理总局", topic = "ConsumerProtectionPolicy", completedOn = "2026-05-02", hours = 2,
            score = 80, evidenceReference = "CERT-2026-0001",
        });
        var location = created.Headers.Location!.ToString();
        var id = (await Json(created, 201)).GetProperty("id").GetGuid();
        return (api, admin, id, location);
    }

    private static string Row(ApiFactory api) =>
        string.Join(",", Column(api, "training", "SELECT topic || ':' || occurred_on || ':' || minutes || ':' || COALESCE(score, '-') || ':' || qualifies || ':' || version FROM training_record"));

    private static string Years(ApiFactory api, string staff = "E2") =>
        string.Join(",", Column(api, "training", $"SELECT year FROM staff_year WHERE staff_id = '{staff}' ORDER BY year"));

    private static HttpRequestMessage Request(HttpMethod method, Guid id, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, $"{Base}/external-records/{id}") { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.ParseAdd(ifMatch);
        }

        return request;
    }

    private static async Task<decimal> QualifyingHours(HttpClient client) =>
        (await Json(await client.GetAsync($"{Base}/staff/E2/transcript"))).GetProperty("qualifyingHours").GetDecimal();

    [Test]
    public async Task Correction_ChangesTheRecord_LogsTheReason_AuditsWithoutIt_AndRefreshesTheSummary()
    {
        var (api, admin, id, location) = await SetUpAsync();
        using (api)
        using (admin)
        {
            Assert.That(location, Is.EqualTo($"/api/v1/training/external-records/{id}"));
            var read = await admin.GetAsync($"{Base}/external-records/{id}");
            Assert.That(read.Headers.ETag!.Tag, Is.EqualTo("\"1\""));
            var view = await Json(read);
            Assert.That(view.GetProperty("staffId").GetString(), Is.EqualTo("E2"));
            Assert.That(await QualifyingHours(admin), Is.EqualTo(2m));
            Assert.That(Years(api), Is.EqualTo("2026"));

            // Failed, 1.5 hours: no longer qualifying, and the year's summary says so.
            var corrected = await Json(await admin.SendAsync(Request(HttpMethod.Put, id, Body(hours: 1.5, score: 40, passed: false), "\"1\"")));
            Assert.Multiple(() =>
            {
                Assert.That(corrected.GetProperty("qualifies").GetBoolean(), Is.False);
                Assert.That(corrected.GetProperty("version").GetInt64(), Is.EqualTo(2));
                Assert.That(Row(api), Is.EqualTo("ConsumerProtectionPolicy:2026-05-02:90:40:0:2"));
                Assert.That(Column(api, "training", "SELECT action || ':' || reason || ':' || COALESCE(session_id, '-') FROM record_correction"),
                    Is.EqualTo(new[] { "external-record.corrected:证书日期录入错误:-" }));
                var audit = Column(api, "training", "SELECT COALESCE(before_json, '') || COALESCE(after_json, '') FROM audit_log WHERE action = 'external-record.corrected'");
                Assert.That(audit, Has.Count.EqualTo(1));
                Assert.That(audit[0], Does.Not.Contain("证书日期录入错误"));
            });
            Assert.That(await QualifyingHours(admin), Is.EqualTo(0m));

            // Stale and missing If-Match.
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Put, id, Body(), "\"1\""))).StatusCode, Is.EqualTo(412));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Put, id, Body(), null))).StatusCode, Is.EqualTo(428));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Delete, id, new { reason = "x" }, null))).StatusCode, Is.EqualTo(428));

            var deleted = await admin.SendAsync(Request(HttpMethod.Delete, id, new { reason = "重复录入" }, "\"2\""));
            Assert.That((int)deleted.StatusCode, Is.EqualTo(204));
            Assert.Multiple(() =>
            {
                Assert.That(Row(api), Is.Empty);
                Assert.That(Years(api), Is.Empty, "no records left: no summary row");
                Assert.That(Column(api, "training", "SELECT COUNT(*) FROM audit_log WHERE action = 'external-record.deleted'"), Is.EqualTo(new[] { "1" }));
            });
            Assert.That((int)(await admin.GetAsync($"{Base}/external-records/{id}")).StatusCode, Is.EqualTo(404));
        }
    }

    [Test]
    public async Task Correction_ToAnotherYear_MovesTheSummary()
    {
        var (api, admin, id, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            // E2 was hired 2026-01-10: a date before that is refused (as on entry); nothing changes.
            await HttpAssert.FieldError(await admin.SendAsync(Request(HttpMethod.Put, id, Body(completedOn: "2025-12-30"), "\"1\"")), "completedOn");
            Assert.That(Row(api), Is.EqualTo("ConsumerProtectionPolicy:2026-05-02:120:80:1:1"));

            // E1 (hired 2020): a record moved from 2026 to 2025 leaves 2026's summary and joins 2025's.
            var e1 = await Post(admin, "/external-records", new
            {
                staffId = "E1", title = "t", provider = "p", topic = "CaseStudy", completedOn = "2026-05-02", hours = 1, evidenceReference = "X",
            });
            var e1Id = (await Json(e1, 201)).GetProperty("id").GetGuid();
            Assert.That(Years(api, "E1"), Is.EqualTo("2026"));
            await Json(await admin.SendAsync(Request(HttpMethod.Put, e1Id, Body(completedOn: "2025-11-03"), "\"1\"")));
            Assert.That(Years(api, "E1"), Is.EqualTo("2025"));
            Assert.That(Years(api, "E2"), Is.EqualTo("2026"), "E2's record is untouched");
        }
    }

    [TestCase("reason", """{"title":"t","provider":"p","topic":"CaseStudy","completedOn":"2026-05-02","hours":1,"evidenceReference":"X"}""")]
    [TestCase("reason", """{"title":"t","provider":"p","topic":"CaseStudy","completedOn":"2026-05-02","hours":1,"evidenceReference":"X","reason":" "}""")]
    [TestCase("completedOn", """{"title":"t","provider":"p","topic":"CaseStudy","completedOn":"2026-06-02","hours":1,"evidenceReference":"X","reason":"r"}""")]
    [TestCase("hours", """{"title":"t","provider":"p","topic":"CaseStudy","completedOn":"2026-05-02","hours":-1,"evidenceReference":"X","reason":"r"}""")]
    [TestCase("score", """{"title":"t","provider":"p","topic":"CaseStudy","completedOn":"2026-05-02","hours":1,"score":101,"evidenceReference":"X","reason":"r"}""")]
    [TestCase("topic", """{"title":"t","provider":"p","topic":"casestudy","completedOn":"2026-05-02","hours":1,"evidenceReference":"X","reason":"r"}""")]
    [TestCase("evidenceReference", """{"title":"t","provider":"p","topic":"CaseStudy","completedOn":"2026-05-02","hours":1,"reason":"r"}""")]
    [TestCase("staffId", """{"staffId":"E1","title":"t","provider":"p","topic":"CaseStudy","completedOn":"2026-05-02","hours":1,"evidenceReference":"X","reason":"r"}""")]
    public async Task Correction_BadInput_400NamesField_NothingStored(string field, string json)
    {
        var (api, admin, id, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, $"{Base}/external-records/{id}") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.IfMatch.ParseAdd("\"1\"");
            await HttpAssert.FieldError(await admin.SendAsync(request), field);
            Assert.Multiple(() =>
            {
                Assert.That(Row(api), Is.EqualTo("ConsumerProtectionPolicy:2026-05-02:120:80:1:1"));
                Assert.That(Column(api, "training", "SELECT COUNT(*) FROM record_correction"), Is.EqualTo(new[] { "0" }));
                Assert.That(Column(api, "training", "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'external-record.c%' AND action <> 'external-record.created'"), Is.EqualTo(new[] { "0" }));
            });
        }
    }

    [Test]
    public async Task OnlyTrainingAdminCorrects_OtherBranchesAre404_AndAttendanceIdsAreNotExternalRecords()
    {
        var (api, admin, id, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            using var own = await As(api, Role.BranchManager, "B002");
            using var other = await As(api, Role.BranchManager, "B001");
            Assert.That((int)(await own.GetAsync($"{Base}/external-records/{id}")).StatusCode, Is.EqualTo(200));
            Assert.That((int)(await other.GetAsync($"{Base}/external-records/{id}")).StatusCode, Is.EqualTo(404), "E2 works in B002");
            Assert.That((int)(await own.SendAsync(Request(HttpMethod.Put, id, Body(), "\"1\""))).StatusCode, Is.EqualTo(403));
            Assert.That((int)(await own.SendAsync(Request(HttpMethod.Delete, id, new { reason = "x" }, "\"1\""))).StatusCode, Is.EqualTo(403));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Put, Guid.NewGuid(), Body(), "\"1\""))).StatusCode, Is.EqualTo(404));

            // A session's attendance row is corrected on its own route, never through this one.
            await Json(await Post(admin, "/courses", new { code = "CP-101", titleZh = "消保基础", topic = "ConsumerProtectionPolicy", hours = 2, mode = "Classroom" }), 201);
            var session = (await Json(await Post(admin, "/sessions", new { courseCode = "CP-101", startsAt = "2026-05-20T09:00:00+08:00", trainer = "T", location = "3F", branchId = "B001" }), 201)).GetProperty("id").GetGuid();
            await Json(await Post(admin, $"/sessions/{session}/attendance", new { entries = new object[] { new { staffId = "E1", status = "Present" } } }));
            var attendanceId = (await Json(await admin.GetAsync($"{Base}/sessions/{session}/attendance/E1"))).GetProperty("id").GetGuid();
            Assert.That((int)(await admin.GetAsync($"{Base}/external-records/{attendanceId}")).StatusCode, Is.EqualTo(404));
            Assert.That((int)(await admin.SendAsync(Request(HttpMethod.Delete, attendanceId, new { reason = "x" }, "\"1\""))).StatusCode, Is.EqualTo(404));
        }
    }
}
