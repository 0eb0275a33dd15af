using System.Text;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Modules.Training.Coverage;

/// <summary>
/// The Year report as one grouped query (plan 6 art. 39): staff ⋈ <c>staff_year_total</c>, summed per unit in SQL, so
/// about one row per unit crosses into .NET instead of one per staff member. The requirements stay data: their
/// filters, topics and minimums become CASE expressions read at request time — role categories, positions and minimums
/// as parameters, topics as the pinned topic columns (<c>s0..s8</c>, <c>m0..m8</c>) — never values spliced into the text.
/// <list type="bullet">
/// <item>Staff hired before the year: only annual requirements can apply (a new-hire requirement applies in the hire
/// year only), and they count the whole year's totals up to the day judged, so the grouped query judges them.</item>
/// <item>Staff hired in the year are judged on their dated records (the new-hire window starts at the hire date, plan 6
/// art. 12): read apart, staff row by staff row, as the detail path does, and added to their units.</item>
/// <item>Falls back to the detail path (<see cref="LoadAsync(Period, DateOnly, string?, CancellationToken)"/>) when records
/// are dated after the day judged within the year (a clock set back: the totals would need them subtracted per staff
/// member) or a requirement is of a kind the query cannot express.</item>
/// </list>
/// </summary>
internal sealed partial class CoverageQuery
{
    // Records after the day judged up to 31 December (through ix_record_coverage, which leads with occurred_on).
    private const string TailExistsSql = """
        SELECT CASE WHEN EXISTS (SELECT 1 FROM [training].[training_record] WHERE occurred_on > @Day AND occurred_on <= @YearEnd) THEN 1 ELSE 0 END
        """;

    internal sealed class UnitRow
    {
        public string Unit { get; set; } = "";
        public long Required { get; set; }
        public long Completed { get; set; }
        public long ScoreTotal { get; set; }
        public long Scored { get; set; }
    }

    /// <summary>The report of <paramref name="period"/> by <paramref name="by"/>: the grouped query for Year periods where it applies, else the detail path.</summary>
    public async Task<CoverageReport> ReportAsync(Period period, DateOnly today, string? branch, ReportBy by, CancellationToken ct) =>
        (period.Kind == PeriodKind.Year ? await GroupedYearReportAsync(period, today, branch, by, ct) : null)
        ?? CoverageEndpoints.Report(await LoadAsync(period, today, branch, ct), by);

    /// <summary>The Year report from the grouped query, or null where it falls back (see the class summary).</summary>
    internal async Task<CoverageReport?> GroupedYearReportAsync(Period period, DateOnly today, string? branch, ReportBy by, CancellationToken ct)
    {
        if (period.Kind != PeriodKind.Year)
        {
            throw new ArgumentException("The grouped report serves Year periods only.", nameof(period));
        }

        var requirements = await RequirementsAsync(ct);
        if (GroupedYearSql(requirements, by, store.Db.Dialect) is not { } built)
        {
            return null;
        }

        var (sql, args) = built;

        var day = CoverageCalculator.Judged(period, today);
        args.AddDynamicParams(new { period.Year, period.YearStart, YearEnd = period.End, Day = day, Branch = branch });
        var read = await store.Db.ReadAsync(async c =>
        {
            if (day < period.End && await c.ExecuteScalarAsync<long>(new CommandDefinition(TailExistsSql, args, cancellationToken: ct)) != 0)
            {
                return null;
            }

            var rows = (await c.QueryAsync<UnitRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
            var hires = await ReadAsync(c, period, today, branch, yearTotals: true, hiresOnly: true, requirements, ct);
            return ((List<UnitRow> Rows, CoverageData Hires)?)(rows, hires);
        }, ct);
        if (read is not { } found)
        {
            return null;
        }

        var (grouped, hired) = found;

        // Annual requirements fall due on 31 December: overdue once that day is judged and past (CoverageCalculator).
        var annualOverdue = period.End < today && period.End <= day;
        var tallies = new SortedDictionary<string, UnitTally>(StringComparer.Ordinal);
        foreach (var g in grouped)
        {
            var unmet = (int)(g.Required - g.Completed);
            tallies[g.Unit] = tallies.GetValueOrDefault(g.Unit) + new UnitTally((int)g.Required, (int)g.Completed, annualOverdue ? unmet : 0, g.ScoreTotal, g.Scored);
        }

        foreach (var unit in hired.Standings.GroupBy(s => CoverageEndpoints.UnitOf(s.Staff, by), StringComparer.Ordinal))
        {
            tallies[unit.Key] = tallies.GetValueOrDefault(unit.Key) + UnitTally.Of(unit, hired);
        }

        var total = tallies.Values.Aggregate(default(UnitTally), (a, b) => a + b);
        return new CoverageReport(period.Year, period.Kind, period.Start, period.End, day, by, [.. tallies.Select(t => t.Value.ToUnit(t.Key))], total.ToUnit("total"));
    }

    /// <summary>
    /// The grouped query for staff hired before the year and its requirement parameters, or null when a requirement
    /// cannot be expressed. Binds <c>@Year</c>, <c>@YearStart</c>, <c>@Day</c>, <c>@Branch</c> besides those returned.
    /// A staff member is required when any annual requirement applies, completed when none of those is unmet; on SQL
    /// Server units and filters compare as binary, as the detail path compares ordinally.
    /// </summary>
    internal static (string Sql, DynamicParameters Args)? GroupedYearSql(IReadOnlyList<Requirement> requirements, ReportBy by, SqlDialect dialect)
    {
        var binary = dialect.Provider == StorageProvider.SqlServer ? " COLLATE Latin1_General_BIN2" : "";
        var args = new DynamicParameters();
        var applies = new List<string>();
        var unmet = new List<string>();
        foreach (var r in requirements)
        {
            if (r.Kind == RequirementKind.NewHire)
            {
                continue; // applies in the hire year only: those staff are judged apart
            }

            if (r.Kind != RequirementKind.Annual || r.Topics.Any(t => (int)t is < 0 or >= StaffYear.TopicCount))
            {
                return null;
            }

            var k = applies.Count;
            var filter = new StringBuilder("(");
            filter.Append(r.RoleCategories.Count == 0 ? "1 = 1" : $"s.role_category{binary} IN ({List(args, $"r{k}c", r.RoleCategories.Select(c => c.ToString()))})");
            filter.Append(r.Positions.Count == 0 ? " AND 1 = 1)" : $" AND s.position IS NOT NULL AND s.position{binary} IN ({List(args, $"r{k}p", r.Positions)}))");
            var topics = r.Topics.Count == 0 ? Enumerable.Range(0, StaffYear.TopicCount) : r.Topics.Select(t => (int)t).Distinct().Order();
            var sessions = "COALESCE(" + string.Join(" + ", topics.Select(t => $"t.s{t}")) + ", 0)";
            var minutes = "COALESCE(" + string.Join(" + ", topics.Select(t => $"t.m{t}")) + ", 0)";
            args.Add($"r{k}s", r.MinSessions);
            args.Add($"r{k}m", r.MinMinutes);
            applies.Add(filter.ToString());
            unmet.Add($"({filter} AND ({sessions} < @r{k}s OR {minutes} < @r{k}m))");
        }

        var unit = by switch
        {
            ReportBy.Department => "COALESCE(s.department, '')",
            ReportBy.RoleCategory => "s.role_category",
            _ => "s.branch_id",
        } + binary;
        var anyApplies = applies.Count == 0 ? "1 = 0" : string.Join(" OR ", applies);
        var anyUnmet = unmet.Count == 0 ? "1 = 0" : string.Join(" OR ", unmet);
        var sql = $"""
            SELECT {unit} AS Unit,
                   SUM(CASE WHEN {anyApplies} THEN 1 ELSE 0 END) AS Required,
                   SUM(CASE WHEN {anyUnmet} THEN 0 WHEN {anyApplies} THEN 1 ELSE 0 END) AS Completed,
                   SUM(COALESCE(t.score_total, 0)) AS ScoreTotal, SUM(COALESCE(t.scored, 0)) AS Scored
            FROM [training].[staff] s LEFT JOIN [training].[staff_year_total] t ON t.year = @Year AND t.staff_id = s.staff_id
            WHERE s.hire_date < @YearStart AND (s.leave_date IS NULL OR s.leave_date >= @Day) AND (@Branch IS NULL OR s.branch_id = @Branch)
            GROUP BY {unit}
            """;
        return (sql, args);
    }

    /// <summary>The grouped query built from the default requirements (migration 0001), for the architecture tests' T-SQL parse.</summary>
    internal static string GroupedYearSqlOfDefaults(SqlDialect dialect) =>
        GroupedYearSql(
            [
                new("ANNUAL", "", RequirementKind.Annual, [], [], [], 1, 120, null, ""),
                new("NEW-HIRE", "", RequirementKind.NewHire, [], [], [], 1, 0, 90, ""),
                new("COMPLAINT-HANDLER", "", RequirementKind.Annual, [RoleCategory.FrontLine, RoleCategory.MiddleManagement], ["ComplaintHandler"], [Topic.ComplaintHandling, Topic.CaseStudy], 2, 0, null, ""),
            ],
            ReportBy.Department,
            dialect)!.Value.Sql;

    // Parameters @{prefix}0, @{prefix}1, … for the values, as a comma-separated list of their names.
    private static string List(DynamicParameters args, string prefix, IEnumerable<string> values) =>
        string.Join(", ", values.Select((v, i) =>
        {
            args.Add($"{prefix}{i}", v);
            return $"@{prefix}{i}";
        }));
}
