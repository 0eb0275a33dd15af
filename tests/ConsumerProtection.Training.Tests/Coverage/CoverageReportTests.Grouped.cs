using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Modules.Training.Coverage;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Coverage;

/// <summary>
/// The Year report is one grouped SQL query per unit (CoverageQuery.Grouped.cs) with the staff hired in the year judged
/// apart; on the same data it equals the detail path (every staff member judged in C#), by every unit kind, scope and
/// day judged, and the drill-down and due lists (detail path) agree with it.
/// </summary>
public sealed partial class CoverageReportTests
{
    [Test]
    public async Task GroupedYearReport_EqualsTheDetailPath_OnVariedData()
    {
        var (api, _, atts) = await ScenarioAsync();
        using (api)
        {
            using var admin = await As(api, Role.TrainingAdmin);
            await AddExternalRecordAndRemarkTheFailedTestAsync(admin, atts, new
            {
                staffId = "E03", title = "监管机构消保培训", provider = "国家金融监督管理总局", topic = "ConsumerProtectionPolicy", completedOn = "2026-03-02", hours = 2, score = 88, passed = true, evidenceReference = "CERT-2026-0003",
            }, "Present", 80);

            // Departments (one with none), staff with no records: a manager, a complaint handler leaving in September, a new
            // hire after the last session (window running), a new hire in a Chinese-named department.
            await Json(await Post(admin, "/staff", StaffBody("S01", "员工S01", "B002", "SeniorManagement", "2021-03-01", department: "Retail")), 201);
            await Json(await Post(admin, "/staff", StaffBody("S02", "员工S02", "B001", "NewHire", "2026-05-30", department: "零售")), 201);
            await Json(await Post(admin, "/staff", StaffBody("S03", "员工S03", "B003", "BackOffice", "2015-01-01", "ComplaintHandler", "2026-09-30", department: "Retail")), 201);
            await Json(await Post(admin, "/staff", StaffBody("S04", "员工S04", "B003", "MiddleManagement", "2026-01-20", department: "Ops")), 201);

            // Requirements as data: managers need 2 policy hours, new hires an onboarding session within 60 days.
            await PutRequirementAsync(admin, "MGMT-POLICY", new
            {
                title = "Managers: policy", kind = "Annual", roleCategories = new[] { "SeniorManagement", "MiddleManagement" }, positions = Array.Empty<string>(),
                topics = new[] { "ConsumerProtectionPolicy" }, minSessions = 1, minHours = 2, source = "plan 6 art. 39",
            });
            await PutRequirementAsync(admin, "ONBOARD-60", new
            {
                title = "Onboarding within 60 days", kind = "NewHire", roleCategories = Array.Empty<string>(), positions = Array.Empty<string>(),
                topics = new[] { "Onboarding" }, minSessions = 1, minHours = 0, withinDays = 60, source = "plan 6 art. 12",
            });

            var query = api.Services.GetRequiredService<CoverageQuery>();
            var year = new Period(2026, PeriodKind.Year);
            int staff = 0, completed = 0, overdue = 0;
            // From the last session's day to the next year (all overdue then); nothing is dated after these days.
            foreach (var today in new DateOnly[] { new(2026, 5, 28), new(2026, 6, 1), new(2026, 7, 31), new(2026, 12, 31), new(2027, 2, 1) })
            {
                foreach (var branch in new[] { null, "B001", "B003", "B999" })
                {
                    foreach (var by in Enum.GetValues<ReportBy>())
                    {
                        var grouped = await query.GroupedYearReportAsync(year, today, branch, by, CancellationToken.None);
                        var detail = CoverageEndpoints.Report(await query.LoadAsync(year, today, branch, yearTotals: true, CancellationToken.None), by);
                        Assert.That(grouped, Is.Not.Null, $"{today} {branch} {by}: no fallback");
                        Assert.That(JsonSerializer.Serialize(grouped), Is.EqualTo(JsonSerializer.Serialize(detail)), $"{today} {branch} {by}");
                        staff += grouped!.Total.Required;
                        completed += grouped.Total.Completed;
                        overdue += grouped.Total.Overdue;
                    }
                }
            }

            Assert.Multiple(() =>
            {
                Assert.That(completed, Is.GreaterThan(0).And.LessThan(staff), "the data has staff on both sides");
                Assert.That(overdue, Is.GreaterThan(0), "and overdue staff");
            });

            // The reports, drill-down and due lists over HTTP (today 2026-06-01) agree: missing = required − completed per unit.
            using var auditor = await As(api, Role.Auditor);
            foreach (var by in new[] { "Branch", "Department", "RoleCategory" })
            {
                var report = await Json(await auditor.GetAsync($"{Base}/coverage?year=2026&period=Year&by={by}"));
                foreach (var u in report.GetProperty("units").EnumerateArray())
                {
                    var name = u.GetProperty("unit").GetString()!;
                    var missing = await Json(await auditor.GetAsync($"{Base}/coverage/missing?year=2026&period=Year&by={by}&unit={Uri.EscapeDataString(name)}&pageSize=1"));
                    Assert.That(missing.GetProperty("total").GetInt32(), Is.EqualTo(u.GetProperty("required").GetInt32() - u.GetProperty("completed").GetInt32()), $"{by} {name}");
                }

                var due = await Json(await auditor.GetAsync($"{Base}/due?state=Overdue&pageSize=1"));
                Assert.That(due.GetProperty("total").GetInt32(), Is.EqualTo(report.GetProperty("total").GetProperty("overdue").GetInt32()), by);
            }
        }
    }

    [Test]
    public async Task GroupedYearReport_FallsBack_WhenRecordsAreDatedAfterTheDayJudged()
    {
        var (api, people, atts) = await ScenarioAsync();
        using (api)
        {
            var query = api.Services.GetRequiredService<CoverageQuery>();
            var day = new DateOnly(2026, 5, 15);
            Assert.That(atts.Any(a => a.Session.Date > day), Is.True);
            Assert.That(await query.GroupedYearReportAsync(new Period(2026, PeriodKind.Year), day, null, ReportBy.Branch, CancellationToken.None), Is.Null);

            // The report answers from the detail path then, with the independent figures.
            var report = await query.ReportAsync(new Period(2026, PeriodKind.Year), day, null, ReportBy.Branch, CancellationToken.None);
            var expected = Expected(people, atts, new(2026, 1, 1), new(2026, 12, 31), p => p.Branch, day);
            Assert.That(report.Units.Select(u => (u.Unit, u.Required, u.Completed, u.Overdue)), Is.EqualTo(expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Required, e.Value.Completed, e.Value.Overdue))));
        }
    }

    [Test]
    public void GroupedYearSql_BindsRequirementValuesAsParameters_AndRefusesUnknownKinds()
    {
        const string Hostile = "X' OR 1 = 1 --";
        Requirement[] requirements =
        [
            new("R1", "", RequirementKind.Annual, [RoleCategory.FrontLine], [Hostile], [Topic.CaseStudy, Topic.ComplaintHandling], 2, 30, null, ""),
            new("R2", "", RequirementKind.Annual, [], [], [], 1, 120, null, ""),
        ];
        foreach (var dialect in new[] { SqlDialect.Sqlite, SqlDialect.SqlServer })
        {
            var (sql, args) = CoverageQuery.GroupedYearSql(requirements, ReportBy.RoleCategory, dialect)!.Value;
            Assert.That(sql, Does.Not.Contain(Hostile).And.Not.Contain("FrontLine").And.Contain("t.s1 + t.s6").And.Not.Contain("t.s0 + t.s1 + t.s6"));
            Assert.That(args.ParameterNames, Is.EquivalentTo(new[] { "r0c0", "r0p0", "r0s", "r0m", "r1s", "r1m" }));
            Assert.That(args.Get<string>("r0p0"), Is.EqualTo(Hostile));
            Assert.That(args.Get<int>("r1m"), Is.EqualTo(120));
        }

        Assert.That(CoverageQuery.GroupedYearSql([new("R3", "", (RequirementKind)7, [], [], [], 1, 0, null, "")], ReportBy.Branch, SqlDialect.Sqlite), Is.Null);
    }

    private static async Task PutRequirementAsync(HttpClient admin, string code, object body) =>
        await Json(await admin.PutAsJsonAsync($"{Base}/requirements/{code}", body), 201);
}
