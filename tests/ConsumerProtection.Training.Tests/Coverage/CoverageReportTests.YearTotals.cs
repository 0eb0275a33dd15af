using ConsumerProtection.Modules.Training.Coverage;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.Training.Tests.Infrastructure.TrainingApi;

namespace ConsumerProtection.Training.Tests.Coverage;

/// <summary>
/// The Year report reads the narrow year totals (staff_year_total, migration 0004); half-years and quarters read the
/// per-quarter cells. On the same data both paths judge every staff member alike.
/// </summary>
public sealed partial class CoverageReportTests
{
    [Test]
    public async Task YearTotals_JudgeLikeTheQuarterCells_OnVariedData()
    {
        var (api, _, atts) = await ScenarioAsync();
        using (api)
        {
            using var admin = await As(api, Role.TrainingAdmin);

            // An external record (scored), and a failed complaint-handling test corrected to a pass.
            await AddExternalRecordAndRemarkTheFailedTestAsync(admin, atts, new
            {
                staffId = "E02", title = "监管机构消保培训", provider = "国家金融监督管理总局", topic = "CaseStudy", completedOn = "2026-04-02", hours = 3, score = 90, passed = true, evidenceReference = "CERT-2026-0002",
            }, "Late", 75);

            var query = api.Services.GetRequiredService<CoverageQuery>();
            var year = new Period(2026, PeriodKind.Year);
            var compared = 0;
            // Before, inside and after the recorded sessions: records after "today" are subtracted (a clock set back).
            foreach (var today in new DateOnly[] { new(2026, 1, 31), new(2026, 3, 1), new(2026, 5, 15), new(2026, 5, 28), new(2026, 6, 1), new(2026, 12, 31), new(2027, 2, 1) })
            {
                foreach (var branch in new[] { null, "B001", "B003" })
                {
                    var fast = await query.LoadAsync(year, today, branch, yearTotals: true, CancellationToken.None);
                    var cells = await query.LoadAsync(year, today, branch, yearTotals: false, CancellationToken.None);
                    Assert.That(fast.Standings.Select(Describe), Is.EqualTo(cells.Standings.Select(Describe)), $"{today} {branch}");
                    Assert.That(fast.Scores.OrderBy(s => s.Key, StringComparer.Ordinal), Is.EqualTo(cells.Scores.OrderBy(s => s.Key, StringComparer.Ordinal)), $"{today} {branch}");
                    compared += fast.Standings.Count;
                }
            }

            Assert.That(compared, Is.GreaterThan(100));
        }
    }

    [Test]
    public async Task YearTotals_MigrationBackfill_EqualsTheMaintainedRows()
    {
        var (api, _, _) = await ScenarioAsync();
        using (api)
        {
            const string Select = "SELECT staff_id || '|' || year || '|' || s0 || ',' || m0 || ',' || s1 || ',' || m1 || ',' || s2 || ',' || m2 || ',' || s3 || ',' || m3 || ',' || s4 || ',' || m4 || ',' || s5 || ',' || m5 || ',' || s6 || ',' || m6 || ',' || s7 || ',' || m7 || ',' || s8 || ',' || m8 || '|' || score_total || '|' || scored || '|' || COALESCE(dated, '') FROM staff_year_total ORDER BY staff_id, year";
            var maintained = string.Join("\n", Column(api, "training", Select));
            Assert.That(maintained, Does.Contain("N01|2026|"), "new hires have rows");

            using (var c = api.OpenFile("training"))
            {
                using var delete = c.CreateCommand();
                delete.CommandText = "DELETE FROM staff_year_total";
                delete.ExecuteNonQuery();
                using var backfill = c.CreateCommand();
                backfill.CommandText = MigrationStatement("0004_coverage_totals.sql", "INSERT INTO staff_year_total", "GROUP BY r.staff_id");
                Assert.That(backfill.ExecuteNonQuery(), Is.EqualTo(maintained.Split('\n').Length));
            }

            Assert.That(string.Join("\n", Column(api, "training", Select)), Is.EqualTo(maintained));
        }
    }

    private static string Describe(Standing s) =>
        $"{s.Staff.StaffId}|{string.Join(',', s.Applicable)}|{string.Join(',', s.Unmet)}|{s.DueOn}|{s.Overdue}";
}
