using System.Net.Http.Headers;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Modules.Training.Attendance;
using ConsumerProtection.Modules.Training.Catalogue;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Attendance;

/// <summary>Courses, sessions, attendance (JSON and sign-in sheets), external records: bad input refused with nothing stored.</summary>
public sealed class AttendanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero);

    private static async Task<(ApiFactory Api, HttpClient Admin, Guid Past, Guid Future)> SetUpAsync()
    {
        var api = new ApiFactory(time: new FakeTimeProvider(Now));
        var admin = await As(api, Role.TrainingAdmin);
        await Json(await Post(admin, "/staff", StaffBody("E1")), 201);
        await Json(await Post(admin, "/staff", StaffBody("E2")), 201);
        await Json(await Post(admin, "/staff", StaffBody("E3", hire: "2026-05-30")), 201);
        await Json(await Post(admin, "/courses", new { code = "CP-101", titleZh = "消保基础", titleEn = "Basics", topic = "ConsumerProtectionPolicy", hours = 1.5, mode = "Classroom", mandatoryFor = new[] { "FrontLine" }, passMark = 60 }), 201);
        var past = await Json(await Post(admin, "/sessions", new { courseCode = "CP-101", startsAt = "2026-05-20T09:00:00+08:00", trainer = "T", location = "3F", branchId = "B001" }), 201);
        var future = await Json(await Post(admin, "/sessions", new { courseCode = "CP-101", startsAt = "2026-06-20T09:00:00+08:00", trainer = "T", location = "3F", branchId = "B001" }), 201);
        return (api, admin, past.GetProperty("id").GetGuid(), future.GetProperty("id").GetGuid());
    }

    private static string Records(ApiFactory api) => string.Join(",", Column(api, "training", "SELECT staff_id || ':' || status || ':' || minutes || ':' || COALESCE(score,'-') || ':' || qualifies FROM training_record ORDER BY staff_id"));

    [Test]
    public async Task Attendance_IsStored_WithCourseHoursByDefault_AndPassMarkDecidesQualifying()
    {
        var (api, admin, past, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            var report = await Json(await Post(admin, $"/sessions/{past}/attendance", new
            {
                entries = new object[] { new { staffId = "E1", status = "Present", score = 85 }, new { staffId = "E2", status = "Late", hoursCredited = 1.0, score = 59 } },
            }));
            Assert.That(report.GetProperty("qualifying").GetInt32(), Is.EqualTo(1));
            Assert.That(Records(api), Is.EqualTo("E1:Present:90:85:1,E2:Late:60:59:0"));
            Assert.That(Column(api, "training", "SELECT occurred_on FROM training_record").Distinct(), Is.EqualTo(new[] { "2026-05-20" }));

            // The same staff member again is a duplicate.
            var dup = await Post(admin, $"/sessions/{past}/attendance", new { entries = new object[] { new { staffId = "E1", status = "Present" } } });
            await HttpAssert.FieldError(dup, "entries[0].staffId");
        }
    }

    [Test]
    public async Task Attendance_RecordedByAnotherRequestBetweenCheckAndWrite_Is409_AndNothingOfThisRequestIsStored()
    {
        // The lost race: the duplicate check passed, then another request stored E1 for the session; the unique index
        // refuses the write. Simulated by writing checked rows straight through the recorder, as the endpoint does after
        // its checks.
        var (api, admin, past, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            await Json(await Post(admin, $"/sessions/{past}/attendance", new { entries = new object[] { new { staffId = "E1", status = "Present", score = 85 } } }));
            var store = api.Services.GetRequiredService<TrainingStore>();
            var recorder = api.Services.GetRequiredService<AttendanceRecorder>();
            var session = (await CatalogueEndpoints.LoadSessionAsync(store, past, CancellationToken.None))!;
            var course = (await CatalogueEndpoints.LoadAsync(store, session.CourseCode, CancellationToken.None))!;
            var audited = Column(api, "training", "SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.recorded'");

            var stored = await recorder.WriteAsync(session, course,
                [new AttendanceRecorder.Checked("E2", AttendanceStatus.Present, 90, 70, true), new AttendanceRecorder.Checked("E1", AttendanceStatus.Late, 60, null, false)],
                "attendance.recorded", CancellationToken.None);

            Assert.Multiple(() =>
            {
                Assert.That(stored, Is.False);
                Assert.That(Records(api), Is.EqualTo("E1:Present:90:85:1"), "E2 is not stored either: all or nothing");
                Assert.That(Column(api, "training", "SELECT COUNT(*) FROM audit_log WHERE action = 'attendance.recorded'"), Is.EqualTo(audited), "no audit row for what was not stored");
                Assert.That(AttendanceRecorder.AlreadyRecorded().StatusCode, Is.EqualTo(409));
            });
        }
    }

    [TestCase("entries[0].score", """{"entries":[{"staffId":"E1","status":"Present","score":101}]}""")]
    [TestCase("entries[0].score", """{"entries":[{"staffId":"E1","status":"Present","score":-1}]}""")]
    [TestCase("entries[0].hoursCredited", """{"entries":[{"staffId":"E1","status":"Present","hoursCredited":-0.5}]}""")]
    [TestCase("entries[0].hoursCredited", """{"entries":[{"staffId":"E1","status":"Present","hoursCredited":2}]}""")]
    [TestCase("entries[1].staffId", """{"entries":[{"staffId":"E1","status":"Present"},{"staffId":"NOPE","status":"Present"}]}""")]
    [TestCase("entries[1].staffId", """{"entries":[{"staffId":"E1","status":"Present"},{"staffId":"E1","status":"Late"}]}""")]
    [TestCase("entries[0].staffId", """{"entries":[{"staffId":"E3","status":"Present"}]}""")]
    [TestCase("entries[0].status", """{"entries":[{"staffId":"E1","status":"External"}]}""")]
    [TestCase("entries[0].score", """{"entries":[{"staffId":"E1","status":"Absent","score":50}]}""")]
    public async Task Attendance_BadInput_400NamesField_NothingStored(string field, string json)
    {
        var (api, admin, past, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            await HttpAssert.FieldError(await admin.PostAsync($"{Base}/sessions/{past}/attendance", HttpAssert.Json(json)), field);
            Assert.That(Records(api), Is.Empty);
        }
    }

    [Test]
    public async Task Attendance_ForSessionNotYetHeld_400_UnknownSession_404()
    {
        var (api, admin, _, future) = await SetUpAsync();
        using (api)
        using (admin)
        {
            await HttpAssert.FieldError(await Post(admin, $"/sessions/{future}/attendance", new { entries = new object[] { new { staffId = "E1", status = "Present" } } }), "sessionId");
            await HttpAssert.Problem(await Post(admin, $"/sessions/{Guid.NewGuid()}/attendance", new { entries = new object[] { new { staffId = "E1", status = "Present" } } }), 404);
            Assert.That(Records(api), Is.Empty);
        }
    }

    [Test]
    public async Task SignInSheet_DryRunReportsByLine_RealRunAllOrNothing_ThenStores()
    {
        var (api, admin, past, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            var bad = Utf8("工号,出勤,学时,成绩\r\nE1,出席,1.5,90\r\nE2,Maybe,,\r\nX9,Present,,101\r\n");
            var dry = await Json(await Upload(admin, past, bad, dryRun: true));
            var errors = dry.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("line").GetInt32()}:{e.GetProperty("column").GetString()}").ToList();
            Assert.That(errors, Is.EquivalentTo(new[] { "3:status", "4:staffId", "4:score" }));
            await HttpAssert.FieldError(await Upload(admin, past, bad), "rows[4].score");
            Assert.That(Records(api), Is.Empty);

            var good = await Json(await Upload(admin, past, Utf8("staffId,status,score\r\nE1,Present,90\r\nE2,Absent,\r\n")));
            Assert.That(good.GetProperty("applied").GetBoolean(), Is.True);
            Assert.That(Records(api), Is.EqualTo("E1:Present:90:90:1,E2:Absent:0:-:0"));
        }
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, Guid session, byte[] file, bool dryRun = false)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return client.PostAsync($"{Base}/sessions/{session}/attendance/import" + (dryRun ? "?dryRun=true" : ""), content);
    }

    [TestCase("hours", """{"code":"X1","titleZh":"t","topic":"CaseStudy","hours":-1,"mode":"Video"}""")]
    [TestCase("passMark", """{"code":"X1","titleZh":"t","topic":"CaseStudy","hours":1,"mode":"Video","passMark":101}""")]
    [TestCase("topic", """{"code":"X1","titleZh":"t","topic":"Cooking","hours":1,"mode":"Video"}""")]
    [TestCase("mandatoryFor", """{"code":"X1","titleZh":"t","topic":"CaseStudy","hours":1,"mode":"Video","mandatoryFor":["FrontLine","FrontLine"]}""")]
    public async Task Course_BadInput_400(string field, string json)
    {
        using var api = new ApiFactory();
        using var admin = await As(api, Role.TrainingAdmin);
        var problem = await HttpAssert.Problem(await admin.PostAsync($"{Base}/courses", HttpAssert.Json(json)), 400);
        Assert.That(problem.GetRawText(), Does.Contain(field));
        Assert.That(Column(api, "training", "SELECT COUNT(*) FROM course").Single(), Is.EqualTo("0"));
    }

    [Test]
    public async Task Session_UnknownCourse_400_AndExternalRecord_Rules()
    {
        var (api, admin, _, _) = await SetUpAsync();
        using (api)
        using (admin)
        {
            await HttpAssert.FieldError(await Post(admin, "/sessions", new { courseCode = "NOPE", startsAt = "2026-05-20T09:00:00+08:00", trainer = "T", location = "L", branchId = "B001" }), "courseCode");
            object External(string date, double hours = 2, int? score = 80, string staff = "E1") => new
            {
                staffId = staff, title = "监管机构消保培训", provider = "国家金融监督管理总局", topic = "ConsumerProtectionPolicy", completedOn = date, hours, score, evidenceReference = "CERT-2026-0001",
            };
            await HttpAssert.FieldError(await Post(admin, "/external-records", External("2026-06-02")), "completedOn");
            await HttpAssert.FieldError(await Post(admin, "/external-records", External("2026-05-02", hours: -1)), "hours");
            await HttpAssert.FieldError(await Post(admin, "/external-records", External("2026-05-02", score: 120)), "score");
            await HttpAssert.FieldError(await Post(admin, "/external-records", External("2026-05-02", staff: "NOPE")), "staffId");
            Assert.That(Records(api), Is.Empty);
            await Json(await Post(admin, "/external-records", External("2026-05-02")), 201);
            Assert.That(Records(api), Is.EqualTo("E1:External:120:80:1"));

            var transcript = await Json(await admin.GetAsync($"{Base}/staff/E1/transcript"));
            Assert.Multiple(() =>
            {
                Assert.That(transcript.GetProperty("qualifyingHours").GetDecimal(), Is.EqualTo(2m));
                Assert.That(transcript.GetProperty("name").GetString(), Is.EqualTo("张三"));
                Assert.That(transcript.GetProperty("records")[0].GetProperty("evidenceReference").GetString(), Is.EqualTo("CERT-2026-0001"));
            });
            var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"{Base}/staff/E1/transcript");
            csvRequest.Headers.Accept.ParseAdd("text/csv");
            var csv = await (await admin.SendAsync(csvRequest)).Content.ReadAsStringAsync();
            Assert.That(csv, Does.StartWith("staffId,name,date,status").And.Contain("E1,张三,2026-05-02,External,ConsumerProtectionPolicy,,监管机构消保培训,2,80,true"));
        }
    }
}
