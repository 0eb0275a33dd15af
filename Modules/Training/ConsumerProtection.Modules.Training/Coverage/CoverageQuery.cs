using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Http;
using System.Data.Common;
using Dapper;

namespace ConsumerProtection.Modules.Training.Coverage;

/// <summary>Everything a coverage judgement needs, for one period and day judged.</summary>
internal sealed record CoverageData(
    Period Period, DateOnly Day, DateOnly Today, IReadOnlyList<Standing> Standings, IReadOnlyDictionary<string, (long Sum, int Count)> Scores);

/// <summary>
/// Loads staff, requirements and the coverage summary (<see cref="StaffYear"/>) and judges every staff member
/// (<see cref="CoverageCalculator"/>). One row per staff member: the staff row joined to its summary of the year. Records
/// are read only when some are dated after the day judged within its quarter (the running quarter when the clock was
/// set back) — those are subtracted.
/// </summary>
internal sealed partial class CoverageQuery(TrainingStore store)
{
    private const string StaffSql = """
        SELECT s.staff_id AS StaffId, s.branch_id AS BranchId, s.department AS Department, s.role_category AS RoleCategory, s.position AS Position,
               s.hire_date AS HireDate, s.leave_date AS LeaveDate, y.cells AS Cells, y.dated AS Dated
        FROM [training].[staff] s LEFT JOIN [training].[staff_year] y ON y.year = @Year AND y.staff_id = s.staff_id
        WHERE s.hire_date <= @Day AND (s.leave_date IS NULL OR s.leave_date >= @Day) AND (@Branch IS NULL OR s.branch_id = @Branch)
        """;

    // Year periods: the narrow year totals (migration 0004) instead of the per-quarter text.
    private const string YearSql = """
        SELECT s.staff_id AS StaffId, s.branch_id AS BranchId, s.department AS Department, s.role_category AS RoleCategory, s.position AS Position,
               s.hire_date AS HireDate, s.leave_date AS LeaveDate, t.dated AS Dated, t.score_total AS ScoreTotal, t.scored AS Scored,
               t.s0 AS S0, t.m0 AS M0, t.s1 AS S1, t.m1 AS M1, t.s2 AS S2, t.m2 AS M2, t.s3 AS S3, t.m3 AS M3, t.s4 AS S4, t.m4 AS M4, t.s5 AS S5, t.m5 AS M5, t.s6 AS S6, t.m6 AS M6, t.s7 AS S7, t.m7 AS M7, t.s8 AS S8, t.m8 AS M8
        FROM [training].[staff] s LEFT JOIN [training].[staff_year_total] t ON t.year = @Year AND t.staff_id = s.staff_id
        WHERE s.hire_date <= @Day AND (s.leave_date IS NULL OR s.leave_date >= @Day) AND (@Branch IS NULL OR s.branch_id = @Branch)
        """;

    // The staff hired in the year only, for the grouped Year report (CoverageQuery.Grouped.cs): they are judged on their dated
    // records, so the per-topic totals are not read.
    private const string NewHireSql = """
        SELECT s.staff_id AS StaffId, s.branch_id AS BranchId, s.department AS Department, s.role_category AS RoleCategory, s.position AS Position,
               s.hire_date AS HireDate, s.leave_date AS LeaveDate, t.dated AS Dated, t.score_total AS ScoreTotal, t.scored AS Scored
        FROM [training].[staff] s LEFT JOIN [training].[staff_year_total] t ON t.year = @Year AND t.staff_id = s.staff_id
        WHERE s.hire_date >= @YearStart AND s.hire_date <= @Day AND (s.leave_date IS NULL OR s.leave_date >= @Day) AND (@Branch IS NULL OR s.branch_id = @Branch)
        """;

    // Records after the day judged but inside its quarter, or its year for year totals (through ix_record_coverage, which leads with occurred_on).
    private const string TailSql = """
        SELECT staff_id AS StaffId, topic AS Topic,
               SUM(CASE WHEN qualifies = 1 THEN 1 ELSE 0 END) AS Sessions,
               SUM(CASE WHEN qualifies = 1 THEN minutes ELSE 0 END) AS Minutes,
               SUM(score) AS ScoreTotal, COUNT(score) AS Scored
        FROM [training].[training_record]
        WHERE occurred_on > @Day AND occurred_on <= @QuarterEnd
        GROUP BY staff_id, topic
        """;

    public const string RequirementSql = """
        SELECT code AS Code, title AS Title, kind AS Kind, role_categories AS RoleCategories, positions AS Positions, topics AS Topics,
               min_sessions AS MinSessions, min_minutes AS MinMinutes, within_days AS WithinDays, source AS Source, version AS Version
        FROM [training].[requirement] ORDER BY code
        """;

    internal sealed class StaffRow
    {
        public string StaffId { get; set; } = "";
        public string BranchId { get; set; } = "";
        public string? Department { get; set; }
        public string RoleCategory { get; set; } = "";
        public string? Position { get; set; }
        public DateOnly HireDate { get; set; }
        public DateOnly? LeaveDate { get; set; }
        public string? Cells { get; set; }
        public string? Dated { get; set; }

        public long? ScoreTotal { get; set; }

        public int? Scored { get; set; }

        public int? S0 { get; set; }

        public int? M0 { get; set; }

        public int? S1 { get; set; }

        public int? M1 { get; set; }

        public int? S2 { get; set; }

        public int? M2 { get; set; }

        public int? S3 { get; set; }

        public int? M3 { get; set; }

        public int? S4 { get; set; }

        public int? M4 { get; set; }

        public int? S5 { get; set; }

        public int? M5 { get; set; }

        public int? S6 { get; set; }

        public int? M6 { get; set; }

        public int? S7 { get; set; }

        public int? M7 { get; set; }

        public int? S8 { get; set; }

        public int? M8 { get; set; }

        /// <summary>The year totals into the per-topic spans (topic numbers pinned in Domain/Enums.cs).</summary>
        public void Fill(Span<int> sessions, Span<int> minutes)
        {
            sessions[0] = S0 ?? 0;
            minutes[0] = M0 ?? 0;
            sessions[1] = S1 ?? 0;
            minutes[1] = M1 ?? 0;
            sessions[2] = S2 ?? 0;
            minutes[2] = M2 ?? 0;
            sessions[3] = S3 ?? 0;
            minutes[3] = M3 ?? 0;
            sessions[4] = S4 ?? 0;
            minutes[4] = M4 ?? 0;
            sessions[5] = S5 ?? 0;
            minutes[5] = M5 ?? 0;
            sessions[6] = S6 ?? 0;
            minutes[6] = M6 ?? 0;
            sessions[7] = S7 ?? 0;
            minutes[7] = M7 ?? 0;
            sessions[8] = S8 ?? 0;
            minutes[8] = M8 ?? 0;
        }
    }

    internal sealed class TailRow
    {
        public string StaffId { get; set; } = "";
        public string Topic { get; set; } = "";
        public long Sessions { get; set; }
        public long Minutes { get; set; }
        public long? ScoreTotal { get; set; }
        public long Scored { get; set; }
    }

    internal sealed class RequirementRow
    {
        public string Code { get; set; } = "";
        public string Title { get; set; } = "";
        public string Kind { get; set; } = "";
        public string RoleCategories { get; set; } = "[]";
        public string Positions { get; set; } = "[]";
        public string Topics { get; set; } = "[]";
        public int MinSessions { get; set; }
        public int MinMinutes { get; set; }
        public int? WithinDays { get; set; }
        public string Source { get; set; } = "";
        public long Version { get; set; }

        public Requirement ToRequirement() => new(Code, Title, StrictEnum.FromStored<RequirementKind>(Kind, "kind"),
            [.. TrainingStore.FromJson(RoleCategories).Select(c => StrictEnum.FromStored<RoleCategory>(c, "role_categories"))],
            TrainingStore.FromJson(Positions), [.. TrainingStore.FromJson(Topics).Select(t => StrictEnum.FromStored<Topic>(t, "topics"))],
            MinSessions, MinMinutes, WithinDays, Source);
    }

    public async Task<IReadOnlyList<Requirement>> RequirementsAsync(CancellationToken ct) =>
        (await store.Db.ReadAsync(c => c.QueryAsync<RequirementRow>(new CommandDefinition(RequirementSql, cancellationToken: ct)), ct)).Select(r => r.ToRequirement()).ToList();

    public Task<CoverageData> LoadAsync(Period period, DateOnly today, string? branch, CancellationToken ct) =>
        LoadAsync(period, today, branch, period.Kind == PeriodKind.Year, ct);

    /// <summary>
    /// <paramref name="yearTotals"/>: read the narrow year totals (Year periods only; they hold the whole year, so records
    /// after the day judged up to 31 December are subtracted) instead of the per-quarter cells. Both give the same figures.
    /// </summary>
    internal async Task<CoverageData> LoadAsync(Period period, DateOnly today, string? branch, bool yearTotals, CancellationToken ct)
    {
        if (yearTotals && period.Kind != PeriodKind.Year)
        {
            throw new ArgumentException("Year totals serve Year periods only.", nameof(yearTotals));
        }

        var requirements = await RequirementsAsync(ct);
        return await store.Db.ReadAsync(c => ReadAsync(c, period, today, branch, yearTotals, hiresOnly: false, requirements, ct), ct);
    }

    /// <summary>
    /// Reads the staff rows and the records after the day judged on <paramref name="c"/> and judges every staff member;
    /// <paramref name="hiresOnly"/>: only the staff hired in the year (year totals only).
    /// </summary>
    private static async Task<CoverageData> ReadAsync(
        DbConnection c, Period period, DateOnly today, string? branch, bool yearTotals, bool hiresOnly, IReadOnlyList<Requirement> requirements, CancellationToken ct)
    {
        var staffSql = hiresOnly ? NewHireSql : yearTotals ? YearSql : StaffSql;
        var day = CoverageCalculator.Judged(period, today);
        var lastQuarter = StaffYear.Quarter(day);
        var quarterEnd = yearTotals ? period.End : new DateOnly(period.Year, lastQuarter * 3, 1).AddMonths(1).AddDays(-1);
        var args = new { period.Year, period.YearStart, Day = day, Branch = branch, QuarterEnd = quarterEnd };
        var staff = (await c.QueryAsync<StaffRow>(new CommandDefinition(staffSql, args, cancellationToken: ct))).AsList();
        var tail = day < quarterEnd ? (await c.QueryAsync<TailRow>(new CommandDefinition(TailSql, args, cancellationToken: ct))).AsList() : [];

        var topics = Enum.GetValues<Topic>();
        var width = topics.Max(t => (int)t) + 1;
        var after = tail.GroupBy(t => t.StaffId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var firstScored = StaffYear.Quarter(period.Start);
        var scores = new Dictionary<string, (long Sum, int Count)>(StringComparer.Ordinal);
        var standings = new List<Standing>(staff.Count);
        Span<int> sessions = stackalloc int[width];
        Span<int> minutes = stackalloc int[width];
        foreach (var s in staff)
        {
            sessions.Clear();
            minutes.Clear();
            long scoreTotal = 0;
            var scored = 0;
            if (yearTotals)
            {
                s.Fill(sessions, minutes);
                scoreTotal = s.ScoreTotal ?? 0;
                scored = s.Scored ?? 0;
            }
            else
            {
                StaffYear.Sum(s.Cells, firstScored, lastQuarter, sessions, minutes, ref scoreTotal, ref scored);
            }

            foreach (var t in after.GetValueOrDefault(s.StaffId) ?? [])
            {
                var i = (int)StrictEnum.FromStored<Topic>(t.Topic, "topic");
                sessions[i] -= (int)t.Sessions;
                minutes[i] -= (int)t.Minutes;
                scoreTotal -= t.ScoreTotal ?? 0;
                scored -= (int)t.Scored;
            }

            if (scored > 0)
            {
                scores[s.StaffId] = (scoreTotal, scored);
            }

            // Staff hired this year are judged on dated records (the new-hire window starts at the hire date).
            List<QualifyingRecord> records;
            if (s.HireDate >= period.YearStart)
            {
                records = [.. StaffYear.Dated(s.StaffId, period.Year, s.Dated)];
            }
            else
            {
                records = [];
                foreach (var t in topics)
                {
                    if (sessions[(int)t] > 0)
                    {
                        records.Add(new QualifyingRecord(s.StaffId, period.YearStart, t, minutes[(int)t], sessions[(int)t]));
                    }
                }
            }

            var facts = new StaffFacts(s.StaffId, s.BranchId, s.Department, StrictEnum.FromStored<RoleCategory>(s.RoleCategory, "role_category"), s.Position, s.HireDate, s.LeaveDate);
            standings.Add(CoverageCalculator.Judge(facts, requirements, records, period, day, today));
        }

        return new CoverageData(period, day, today, standings, scores);
    }
}
