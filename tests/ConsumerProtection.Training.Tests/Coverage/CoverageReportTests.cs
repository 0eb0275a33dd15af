using System.Globalization;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Training.Contracts;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Coverage;

/// <summary>
/// A half-year of training recorded through the API; the coverage report, drill-down, due lists and contract figures are
/// checked against figures this test computes on its own from the same scenario (the rules as the module README states them).
/// </summary>
public sealed partial class CoverageReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 2, 0, 0, TimeSpan.Zero); // 2026-06-01 10:00 in Shanghai
    private static readonly DateOnly Today = new(2026, 6, 1);

    private sealed record Person(string Id, string Branch, string Category, string? Position, DateOnly Hire, DateOnly? Leave);

    private sealed record Course(string Code, string Topic, int Minutes, int? PassMark);

    private sealed record Session(Guid Id, Course Course, DateOnly Date);

    private sealed record Att(string Staff, Session Session, string Status, int? Score)
    {
        public bool Qualifies => Status is "Present" or "Late" && (Session.Course.PassMark is not { } m || Score >= m);
    }

    private static readonly Course Cp = new("CP", "ConsumerProtectionPolicy", 120, null);
    private static readonly Course Ch = new("CH", "ComplaintHandling", 60, 60);
    private static readonly Course On = new("ON", "Onboarding", 60, null);

    private static List<Person> People()
    {
        var list = new List<Person>();
        string[] categories = ["SeniorManagement", "MiddleManagement", "FrontLine", "BackOffice"];
        for (var i = 1; i <= 21; i++)
        {
            list.Add(new Person($"E{i:D2}", $"B00{(i % 3) + 1}", categories[i % 4], i % 5 == 0 ? "ComplaintHandler" : null, new DateOnly(2019, 1, 1).AddDays(i * 40), null));
        }

        list.Add(new Person("N01", "B001", "NewHire", null, new DateOnly(2026, 2, 1), null));
        list.Add(new Person("N02", "B002", "NewHire", null, new DateOnly(2026, 3, 10), null));
        list.Add(new Person("N03", "B001", "NewHire", null, new DateOnly(2026, 4, 20), null));
        list.Add(new Person("L01", "B003", "FrontLine", null, new DateOnly(2018, 5, 5), new DateOnly(2026, 3, 15)));
        return list;
    }

    // A variation both Year-path tests make on the scenario: one scored external record, and the scenario's failed
    // complaint-handling test re-marked as a pass (status and score given).
    private static async Task AddExternalRecordAndRemarkTheFailedTestAsync(HttpClient admin, List<Att> atts, object externalRecord, string status, int score)
    {
        await Json(await Post(admin, "/external-records", externalRecord), 201);
        var failed = atts.First(a => a.Session.Course == Ch && a.Status != "Absent" && !a.Qualifies);
        await Json(await SendWithETag(admin, HttpMethod.Put, $"/sessions/{failed.Session.Id}/attendance/{failed.Staff}", new { status, score, reason = "re-marked" }));
    }

    private static async Task<(ApiFactory, List<Person>, List<Att>)> ScenarioAsync(FakeTimeProvider? time = null)
    {
        var api = new ApiFactory(time: time ?? new FakeTimeProvider(Now));
        using var admin = await As(api, Role.TrainingAdmin);
        var people = People();
        var csv = new StringBuilder("staffId,name,branchId,roleCategory,position,hireDate,leaveDate\r\n");
        foreach (var p in people)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{p.Id},员工{p.Id},{p.Branch},{p.Category},{p.Position},{p.Hire:yyyy-MM-dd},{p.Leave:yyyy-MM-dd}\r\n");
        }

        await Json(await Import(admin, Utf8(csv.ToString())));
        foreach (var c in new[] { Cp, Ch, On })
        {
            await Json(await Post(admin, "/courses", new { code = c.Code, titleZh = c.Code, topic = c.Topic, hours = c.Minutes / 60m, mode = "Classroom", passMark = c.PassMark }), 201);
        }

        var random = new Random(11);
        var attendance = new List<Att>();
        (Course, DateOnly)[] plan = [(Cp, new(2026, 1, 10)), (Ch, new(2026, 2, 15)), (On, new(2026, 3, 20)), (Ch, new(2026, 5, 10)), (Cp, new(2026, 5, 28)), (On, new(2026, 4, 25))];
        foreach (var (course, date) in plan)
        {
            var created = await Json(await Post(admin, "/sessions", new { courseCode = course.Code, startsAt = $"{date:yyyy-MM-dd}T09:00:00+08:00", trainer = "T", location = "L", branchId = "B001" }), 201);
            var session = new Session(created.GetProperty("id").GetGuid(), course, date);
            var entries = new List<object>();
            foreach (var p in people.Where(p => p.Hire <= date && (p.Leave is null || p.Leave >= date)))
            {
                var roll = random.Next(10);
                if (roll < 3)
                {
                    continue; // not on the sheet
                }

                var status = roll == 3 ? "Absent" : roll == 4 ? "Late" : "Present";
                int? score = status != "Absent" && course.PassMark is not null ? random.Next(30, 101) : null;
                attendance.Add(new Att(p.Id, session, status, score));
                entries.Add(new { staffId = p.Id, status, score });
            }

            await Json(await Post(admin, $"/sessions/{session.Id}/attendance", new { entries }));
        }

        return (api, people, attendance);
    }

    // The expectation, computed here from the scenario: (unit -> required, completed, overdue, average score).
    private static Dictionary<string, (int Required, int Completed, int Overdue, decimal? Avg)> Expected(
        List<Person> people, List<Att> atts, DateOnly start, DateOnly end, Func<Person, string> unitOf, DateOnly? asOf = null, int annualMinutes = 120)
    {
        var today = asOf ?? Today;
        var day = end < today ? end : today;
        var yearStart = new DateOnly(2026, 1, 1);
        var result = new Dictionary<string, (int, int, int, decimal?)>();
        foreach (var group in people.Where(p => p.Hire <= day && (p.Leave is null || p.Leave >= day)).GroupBy(unitOf))
        {
            int required = 0, completed = 0, overdue = 0;
            var scores = new List<int>();
            foreach (var p in group)
            {
                var mine = atts.Where(a => a.Staff == p.Id).ToList();
                var ok = mine.Where(a => a.Qualifies).ToList();
                var unmetDue = new List<DateOnly>();
                var annual = ok.Where(a => a.Session.Date >= yearStart && a.Session.Date <= day).ToList();
                if (annual.Count < 1 || annual.Sum(a => a.Session.Course.Minutes) < annualMinutes)
                {
                    unmetDue.Add(new DateOnly(2026, 12, 31));
                }

                if (p.Hire >= yearStart && p.Hire <= day)
                {
                    var due = p.Hire.AddDays(90);
                    var to = due < day ? due : day;
                    if (!ok.Any(a => a.Session.Date >= p.Hire && a.Session.Date <= to))
                    {
                        unmetDue.Add(due);
                    }
                }

                if (p.Position == "ComplaintHandler" && annual.Count(a => a.Session.Course.Topic is "ComplaintHandling" or "CaseStudy") < 2)
                {
                    unmetDue.Add(new DateOnly(2026, 12, 31));
                }

                required++;
                completed += unmetDue.Count == 0 ? 1 : 0;
                overdue += unmetDue.Any(d => d < today && d <= day) ? 1 : 0;
                scores.AddRange(mine.Where(a => a.Score is not null && a.Session.Date >= start && a.Session.Date <= day).Select(a => a.Score!.Value));
            }

            result[group.Key] = (required, completed, overdue, scores.Count == 0 ? null : Math.Round((decimal)scores.Sum() / scores.Count, 1, MidpointRounding.AwayFromZero));
        }

        return result;
    }

    private static void AssertReport(JsonElement report, Dictionary<string, (int Required, int Completed, int Overdue, decimal? Avg)> expected)
    {
        var units = report.GetProperty("units").EnumerateArray().ToDictionary(u => u.GetProperty("unit").GetString()!);
        Assert.That(units.Keys, Is.EquivalentTo(expected.Keys));
        foreach (var (unit, e) in expected)
        {
            var u = units[unit];
            var avg = u.GetProperty("averageScore");
            Assert.Multiple(() =>
            {
                Assert.That(u.GetProperty("required").GetInt32(), Is.EqualTo(e.Required), unit);
                Assert.That(u.GetProperty("completed").GetInt32(), Is.EqualTo(e.Completed), unit);
                Assert.That(u.GetProperty("overdue").GetInt32(), Is.EqualTo(e.Overdue), unit);
                Assert.That(u.GetProperty("coveragePercent").GetDecimal(), Is.EqualTo(Math.Round(e.Completed * 100m / e.Required, 1, MidpointRounding.AwayFromZero)), unit);
                Assert.That(avg.ValueKind == JsonValueKind.Null ? (decimal?)null : avg.GetDecimal(), Is.EqualTo(e.Avg), unit);
            });
        }
    }

    [Test]
    public async Task CoverageReport_MatchesIndependentFigures_ByBranchAndRoleCategory_YearAndQuarter()
    {
        var (api, people, atts) = await ScenarioAsync();
        using (api)
        {
            using var auditor = await As(api, Role.Auditor);
            var year = await Json(await auditor.GetAsync($"{Base}/coverage?year=2026&period=Year&by=Branch"));
            AssertReport(year, Expected(people, atts, new(2026, 1, 1), new(2026, 12, 31), p => p.Branch));
            Assert.That(year.GetProperty("judgedOn").GetString(), Is.EqualTo("2026-06-01"));

            var q1 = await Json(await auditor.GetAsync($"{Base}/coverage?year=2026&period=Q1&by=RoleCategory"));
            var expectedQ1 = Expected(people, atts, new(2026, 1, 1), new(2026, 3, 31), p => p.Category);
            AssertReport(q1, expectedQ1);
            Assert.That(expectedQ1.Values.Sum(v => v.Completed), Is.GreaterThan(0).And.LessThan(expectedQ1.Values.Sum(v => v.Required)), "the scenario has staff on both sides");

            var h1 = await Json(await auditor.GetAsync($"{Base}/coverage?year=2026&period=H1&by=Branch"));
            AssertReport(h1, Expected(people, atts, new(2026, 1, 1), new(2026, 6, 30), p => p.Branch));

            // Contract figures equal the report's.
            var figures = await api.Services.GetRequiredService<ITrainingFigures>().CoverageAsync(2026, TrainingPeriod.Q1, TrainingUnitKind.RoleCategory, CancellationToken.None);
            Assert.That(figures.Select(f => (f.Unit, f.Required, f.Completed, f.Overdue)),
                Is.EquivalentTo(expectedQ1.Select(e => (e.Key, e.Value.Required, e.Value.Completed, e.Value.Overdue))));
        }
    }

    [Test]
    public async Task DrillDown_And_DueLists_NamesOnlyForOwnBranchManager_AndTrainingAdmin()
    {
        var (api, people, atts) = await ScenarioAsync();
        using (api)
        {
            using var manager = await As(api, Role.BranchManager, "B001");
            using var auditor = await As(api, Role.Auditor);
            var expected = Expected(people, atts, new(2026, 1, 1), new(2026, 12, 31), p => p.Branch);

            var own = await Json(await manager.GetAsync($"{Base}/coverage?year=2026"));
            Assert.That(own.GetProperty("units").EnumerateArray().Select(u => u.GetProperty("unit").GetString()), Is.EqualTo(new[] { "B001" }));

            var missing = await Json(await manager.GetAsync($"{Base}/coverage/missing?year=2026&by=Branch&unit=B001&pageSize=200"));
            Assert.That(missing.GetProperty("total").GetInt64(), Is.EqualTo(expected["B001"].Required - expected["B001"].Completed));
            Assert.That(missing.GetProperty("items").EnumerateArray().All(i => i.GetProperty("name").GetString()!.StartsWith("员工", StringComparison.Ordinal)), Is.True);
            var other = await Json(await manager.GetAsync($"{Base}/coverage/missing?year=2026&by=Branch&unit=B002"));
            Assert.That(other.GetProperty("total").GetInt64(), Is.Zero);

            var auditorView = await Json(await auditor.GetAsync($"{Base}/coverage/missing?year=2026&by=Branch&unit=B002&pageSize=200"));
            Assert.That(auditorView.GetProperty("total").GetInt64(), Is.EqualTo(expected["B002"].Required - expected["B002"].Completed));
            Assert.That(auditorView.GetProperty("items").EnumerateArray().All(i => i.GetProperty("name").ValueKind == JsonValueKind.Null), Is.True);

            // Due lists as of 2026-06-01: N02 (hired 03-10, due 06-08) is due soon unless trained; N01 (due 05-02) overdue unless trained.
            bool Trained(string id, DateOnly hire) => atts.Any(a => a.Staff == id && a.Qualifies && a.Session.Date >= hire && a.Session.Date <= hire.AddDays(90));
            var dueSoon = await Json(await auditor.GetAsync($"{Base}/due?state=DueSoon&pageSize=200"));
            var overdue = await Json(await auditor.GetAsync($"{Base}/due?state=Overdue&pageSize=200"));
            var soonIds = dueSoon.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("staffId").GetString()).ToList();
            var overdueIds = overdue.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("staffId").GetString()).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(soonIds, Is.EqualTo(Trained("N02", new(2026, 3, 10)) ? Array.Empty<string>() : new[] { "N02" }));
                Assert.That(overdueIds, Is.EqualTo(Trained("N01", new(2026, 2, 1)) ? Array.Empty<string>() : new[] { "N01" }));
            });

            var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"{Base}/coverage?year=2026&by=Branch");
            csvRequest.Headers.Accept.ParseAdd("text/csv");
            var csv = await (await auditor.SendAsync(csvRequest)).Content.ReadAsStringAsync();
            var b1 = expected["B001"];
            Assert.That(csv, Does.StartWith("year,period,judgedOn,Branch,required,completed,coveragePercent,averageScore,overdue\r\n")
                .And.Contain($"2026,Year,2026-06-01,B001,{b1.Required},{b1.Completed},"));

            using var teller = await As(api, Role.Teller, "B001");
            Assert.That((int)(await teller.GetAsync($"{Base}/coverage?year=2026")).StatusCode, Is.EqualTo(403));
        }
    }

    [Test]
    public async Task WasTrained_Contract_ByTopicAndWindow()
    {
        var (api, _, atts) = await ScenarioAsync();
        using (api)
        {
            var figures = api.Services.GetRequiredService<ITrainingFigures>();
            var complaintTrained = atts.Where(a => a.Qualifies && a.Session.Course.Topic == "ComplaintHandling").Select(a => a.Staff).ToHashSet();
            var recent = atts.Where(a => a.Qualifies && a.Session.Course.Topic == "ComplaintHandling" && a.Session.Date >= new DateOnly(2026, 5, 1)).Select(a => a.Staff).ToHashSet();
            foreach (var id in new[] { "E01", "E02", "E03", "E05", "E10", "N01" })
            {
                Assert.That(await figures.WasTrainedAsync(id, "ComplaintHandling", 12, CancellationToken.None), Is.EqualTo(complaintTrained.Contains(id)), id);
                Assert.That(await figures.WasTrainedAsync(id, "ComplaintHandling", 1, CancellationToken.None), Is.EqualTo(recent.Contains(id)), id);
            }

            Assert.That(await figures.WasTrainedAsync("NOBODY", null, 12, CancellationToken.None), Is.False);
            await Assert.ThrowsAsync<ArgumentException>(() => figures.WasTrainedAsync("E01", "Cooking", 12, CancellationToken.None));
        }
    }
}
