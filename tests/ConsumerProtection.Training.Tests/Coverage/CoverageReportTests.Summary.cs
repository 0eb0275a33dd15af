using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Coverage;

/// <summary>
/// The coverage summary (staff_year) stays equal to the figures computed independently after every kind of write that
/// changes them: attendance corrections and deletions, staff edits (hire date, leave), roster imports, requirement
/// changes, a clock set back, and the migration's backfill.
/// </summary>
public sealed partial class CoverageReportTests
{
    private static async Task AssertAllPeriodsAsync(HttpClient client, List<Person> people, List<Att> atts, DateOnly? asOf = null, int annualMinutes = 120)
    {
        foreach (var (period, start, end) in new[] { ("Year", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), ("Q1", new(2026, 1, 1), new(2026, 3, 31)), ("Q2", new(2026, 4, 1), new(2026, 6, 30)), ("H1", new(2026, 1, 1), new(2026, 6, 30)) })
        {
            var byBranch = await Json(await client.GetAsync($"{Base}/coverage?year=2026&period={period}&by=Branch"));
            AssertReport(byBranch, Expected(people, atts, start, end, p => p.Branch, asOf, annualMinutes));
            var byCategory = await Json(await client.GetAsync($"{Base}/coverage?year=2026&period={period}&by=RoleCategory"));
            AssertReport(byCategory, Expected(people, atts, start, end, p => p.Category, asOf, annualMinutes));
        }
    }

    private static async Task<HttpResponseMessage> SendWithETag(HttpClient client, HttpMethod method, string path, object body)
    {
        var etag = (await client.GetAsync(Base + path)).Headers.ETag!.Tag;
        var request = new HttpRequestMessage(method, Base + path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.ParseAdd(etag);
        return await client.SendAsync(request);
    }

    [Test]
    public async Task Summary_AfterCorrectionsAndDeletions_MatchesIndependentFigures()
    {
        var (api, people, atts) = await ScenarioAsync();
        using (api)
        {
            using var admin = await As(api, Role.TrainingAdmin);

            // A pass becomes a fail (Complaint handling has pass mark 60), a presence becomes an absence, a row is deleted.
            var passed = atts.First(a => a.Session.Course == Ch && a.Qualifies);
            var present = atts.First(a => a.Session.Course == Cp && a.Status == "Present" && a != passed);
            var deleted = atts.Last(a => a.Session.Course == On && a.Qualifies);
            await Json(await SendWithETag(admin, HttpMethod.Put, $"/sessions/{passed.Session.Id}/attendance/{passed.Staff}", new { status = "Present", score = 59, reason = "score mis-keyed" }));
            await Json(await SendWithETag(admin, HttpMethod.Put, $"/sessions/{present.Session.Id}/attendance/{present.Staff}", new { status = "Absent", reason = "signed in for a colleague" }));
            await Json(await SendWithETag(admin, HttpMethod.Delete, $"/sessions/{deleted.Session.Id}/attendance/{deleted.Staff}", new { reason = "not on the sheet" }), 204);
            atts[atts.IndexOf(passed)] = passed with { Score = 59 };
            atts[atts.IndexOf(present)] = present with { Status = "Absent", Score = null };
            atts.Remove(deleted);

            Assert.That(new Att(passed.Staff, passed.Session, "Present", 59).Qualifies, Is.False, "the correction turns a qualifying record into a failed test");
            using var auditor = await As(api, Role.Auditor);
            await AssertAllPeriodsAsync(auditor, people, atts);
        }
    }

    [Test]
    public async Task Summary_AfterStaffEdits_Import_AndRequirementChange_MatchesIndependentFigures()
    {
        var (api, people, atts) = await ScenarioAsync();
        using (api)
        {
            using var admin = await As(api, Role.TrainingAdmin);
            using var auditor = await As(api, Role.Auditor);

            // E04 hired this year (its new-hire window now counts), E07 left on 2026-04-30 (deactivated).
            var e04 = people.Single(p => p.Id == "E04");
            var e07 = people.Single(p => p.Id == "E07");
            var newHire = e04 with { Hire = new DateOnly(2026, 2, 1) };
            await Json(await SendWithETag(admin, HttpMethod.Put, "/staff/E04", StaffBody("E04", "员工E04", e04.Branch, e04.Category, $"{newHire.Hire:yyyy-MM-dd}", e04.Position, department: null)));
            await Json(await SendWithETag(admin, HttpMethod.Put, "/staff/E07", StaffBody("E07", "员工E07", e07.Branch, e07.Category, $"{e07.Hire:yyyy-MM-dd}", e07.Position, "2026-04-30", department: null)));
            people[people.IndexOf(e04)] = newHire;
            people[people.IndexOf(e07)] = e07 with { Leave = new DateOnly(2026, 4, 30) };
            await AssertAllPeriodsAsync(auditor, people, atts);

            // The roster import moves E09's hire date into the year and gives E11 a leave date.
            for (var i = 0; i < people.Count; i++)
            {
                people[i] = people[i].Id switch
                {
                    "E09" => people[i] with { Hire = new DateOnly(2026, 1, 5) },
                    "E11" => people[i] with { Leave = new DateOnly(2026, 2, 28) },
                    _ => people[i],
                };
            }

            var csv = new StringBuilder("staffId,name,branchId,roleCategory,position,hireDate,leaveDate\r\n");
            foreach (var p in people)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{p.Id},员工{p.Id},{p.Branch},{p.Category},{p.Position},{p.Hire:yyyy-MM-dd},{p.Leave:yyyy-MM-dd}\r\n");
            }

            var imported = await Json(await Import(admin, Utf8(csv.ToString())));
            Assert.That(imported.GetProperty("changed").GetInt32(), Is.EqualTo(2));
            await AssertAllPeriodsAsync(auditor, people, atts);

            // Requirements are read at report time: 3 hours a year instead of 2.
            var requirements = await Json(await admin.GetAsync($"{Base}/requirements"));
            var version = requirements.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "ANNUAL").GetProperty("version").GetInt64();
            var put = new HttpRequestMessage(HttpMethod.Put, $"{Base}/requirements/ANNUAL")
            {
                Content = JsonContent.Create(new
                {
                    title = "Annual consumer-protection training", kind = "Annual", roleCategories = Array.Empty<string>(), positions = Array.Empty<string>(),
                    topics = Array.Empty<string>(), minSessions = 1, minHours = 3, source = "plan 6 art. 39",
                }),
            };
            put.Headers.IfMatch.ParseAdd($"\"{version}\"");
            await Json(await admin.SendAsync(put));
            await AssertAllPeriodsAsync(auditor, people, atts, annualMinutes: 180);
        }
    }

    [Test]
    public async Task Summary_WithRecordsAfterToday_ClockSetBack_SubtractsThem()
    {
        var time = new SettableTime(Now);
        var (api, people, atts) = await ScenarioAsync(time);
        using (api)
        {
            // Back to 2026-05-15 (a wall clock corrected backwards): the sessions of 05-28 are after "today", inside the running quarter.
            time.SetBackTo = new DateTimeOffset(2026, 5, 15, 2, 0, 0, TimeSpan.Zero);
            Assert.That(atts.Any(a => a.Session.Date > new DateOnly(2026, 5, 15)), Is.True);
            using var auditor = await As(api, Role.Auditor);
            await AssertAllPeriodsAsync(auditor, people, atts, asOf: new DateOnly(2026, 5, 15));
        }
    }

    [Test]
    public async Task MigrationBackfill_BuildsTheSameSummary_AsTheWrites()
    {
        var (api, people, atts) = await ScenarioAsync();
        using (api)
        {
            string Snapshot() => string.Join("\n", Column(api, "training", "SELECT staff_id || '|' || year || '|' || cells || '|' || COALESCE(dated, '') FROM staff_year ORDER BY staff_id, year")
                .Select(row => row.Split('|')).Select(f => $"{f[0]}|{f[1]}|{Sorted(f[2])}|{Sorted(f[3])}"));
            var maintained = Snapshot();
            Assert.That(maintained, Does.Contain("N01|2026|"), "new hires have rows");

            using (var c = api.OpenFile("training"))
            {
                using var delete = c.CreateCommand();
                delete.CommandText = "DELETE FROM staff_year";
                delete.ExecuteNonQuery();
                using var backfill = c.CreateCommand();
                backfill.CommandText = BackfillStatement();
                Assert.That(backfill.ExecuteNonQuery(), Is.EqualTo(maintained.Split('\n').Length));
            }

            Assert.That(Snapshot(), Is.EqualTo(maintained));
            using var auditor = await As(api, Role.Auditor);
            await AssertAllPeriodsAsync(auditor, people, atts);
        }
    }

    /// <summary>A wall clock that can be set back (FakeTimeProvider itself only moves forward).</summary>
    private sealed class SettableTime(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public DateTimeOffset? SetBackTo { get; set; }

        public override DateTimeOffset GetUtcNow() => SetBackTo ?? base.GetUtcNow();
    }

    private static string Sorted(string list) => string.Join(';', list.Split(';').Order(StringComparer.Ordinal));

    // The INSERT … SELECT of the SQLite migration 0003 as shipped in the module assembly.
    private static string BackfillStatement() => MigrationStatement("0003_coverage_summary.sql", "INSERT INTO staff_year", "GROUP BY c.staff_id");

    // One statement of a SQLite migration as shipped in the module assembly: from `start` to the ';' after `last`.
    private static string MigrationStatement(string file, string first, string last)
    {
        var assembly = typeof(ConsumerProtection.Modules.Training.Contracts.ITrainingFigures).Assembly.GetName().Name!.Replace(".Contracts", "", StringComparison.Ordinal);
        var module = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == assembly);
        var name = module.GetManifestResourceNames().Single(n => n.Contains("Sqlite", StringComparison.Ordinal) && n.EndsWith(file, StringComparison.Ordinal));
        using var reader = new StreamReader(module.GetManifestResourceStream(name)!);
        var sql = reader.ReadToEnd();
        var start = sql.IndexOf(first + " ", StringComparison.Ordinal);
        return sql[start..(sql.IndexOf(';', sql.IndexOf(last, start, StringComparison.Ordinal)) + 1)];
    }
}
