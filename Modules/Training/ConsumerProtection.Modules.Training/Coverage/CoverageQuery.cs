using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Http;
using Dapper;

namespace ConsumerProtection.Modules.Training.Coverage;

/// <summary>Everything a coverage judgement needs, for one period and day judged.</summary>
internal sealed record CoverageData(
    Period Period, DateOnly Day, DateOnly Today, IReadOnlyList<Standing> Standings, IReadOnlyDictionary<string, (long Sum, int Count)> Scores);

/// <summary>
/// Loads staff, requirements and qualifying records and judges every staff member (<see cref="CoverageCalculator"/>).
/// Records of the year are read aggregated per staff member and topic; only staff hired this year, whose new-hire window
/// needs the days, are read record by record.
/// </summary>
internal sealed class CoverageQuery(TrainingStore store)
{
    private const string StaffSql = """
        SELECT staff_id AS StaffId, branch_id AS BranchId, department AS Department, role_category AS RoleCategory, position AS Position,
               hire_date AS HireDate, leave_date AS LeaveDate
        FROM [training].[staff]
        WHERE hire_date <= @Day AND (leave_date IS NULL OR leave_date >= @Day) AND (@Branch IS NULL OR branch_id = @Branch)
        """;

    // One pass over the year's records: qualifying sessions and minutes from 1 January, scores from the period's start.
    private const string AggregatedSql = """
        SELECT staff_id AS StaffId, topic AS Topic,
               SUM(CASE WHEN qualifies = 1 THEN 1 ELSE 0 END) AS Sessions,
               SUM(CASE WHEN qualifies = 1 THEN minutes ELSE 0 END) AS Minutes,
               SUM(CASE WHEN occurred_on >= @Start THEN score END) AS ScoreTotal,
               COUNT(CASE WHEN occurred_on >= @Start THEN score END) AS Scored
        FROM [training].[training_record]
        WHERE occurred_on >= @YearStart AND occurred_on <= @Day
        GROUP BY staff_id, topic
        """;

    // Staff first (CROSS JOIN fixes the order on SQLite, which otherwise walks the whole year's records), through
    // ix_staff_hire (migration 0002) and ix_record_staff.
    private const string NewHireSql = """
        SELECT r.staff_id AS StaffId, r.occurred_on AS Date, r.topic AS Topic, r.minutes AS Minutes
        FROM [training].[staff] s CROSS JOIN [training].[training_record] r
        WHERE r.staff_id = s.staff_id AND s.hire_date >= @YearStart AND s.hire_date <= @Day
          AND r.occurred_on >= @YearStart AND r.occurred_on <= @Day AND r.qualifies = 1
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
    }

    internal sealed class RecordRow
    {
        public string StaffId { get; set; } = "";
        public DateOnly Date { get; set; }
        public string Topic { get; set; } = "";
        public long Sessions { get; set; } = 1;
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

    public async Task<CoverageData> LoadAsync(Period period, DateOnly today, string? branch, CancellationToken ct)
    {
        var day = CoverageCalculator.Judged(period, today);
        var args = new { period.YearStart, period.Start, Day = day, Branch = branch };
        var requirements = await RequirementsAsync(ct);
        var (staff, aggregated, newHire) = await store.Db.ReadAsync(async c =>
        {
            var s = (await c.QueryAsync<StaffRow>(new CommandDefinition(StaffSql, args, cancellationToken: ct))).AsList();
            var a = (await c.QueryAsync<RecordRow>(new CommandDefinition(AggregatedSql, args, cancellationToken: ct))).AsList();
            var n = (await c.QueryAsync<RecordRow>(new CommandDefinition(NewHireSql, args, cancellationToken: ct))).AsList();
            return (s, a, n);
        }, ct);

        var scores = new Dictionary<string, (long Sum, int Count)>(StringComparer.Ordinal);
        foreach (var r in aggregated.Where(r => r.Scored > 0))
        {
            var (sum, count) = scores.GetValueOrDefault(r.StaffId);
            scores[r.StaffId] = (sum + (r.ScoreTotal ?? 0), count + (int)r.Scored);
        }

        var hiredThisYear = new HashSet<string>(newHire.Select(r => r.StaffId), StringComparer.Ordinal);
        var records = new Dictionary<string, List<QualifyingRecord>>(StringComparer.Ordinal);
        void Add(RecordRow r, DateOnly date)
        {
            if (!records.TryGetValue(r.StaffId, out var list))
            {
                records[r.StaffId] = list = [];
            }

            list.Add(new QualifyingRecord(r.StaffId, date, StrictEnum.FromStored<Topic>(r.Topic, "topic"), (int)r.Minutes, (int)r.Sessions));
        }

        foreach (var r in aggregated.Where(r => r.Sessions > 0 && !hiredThisYear.Contains(r.StaffId)))
        {
            Add(r, period.YearStart);
        }

        foreach (var r in newHire)
        {
            Add(r, r.Date);
        }

        var standings = new List<Standing>(staff.Count);
        foreach (var s in staff)
        {
            var facts = new StaffFacts(s.StaffId, s.BranchId, s.Department, StrictEnum.FromStored<RoleCategory>(s.RoleCategory, "role_category"), s.Position, s.HireDate, s.LeaveDate);
            standings.Add(CoverageCalculator.Judge(facts, requirements, records.TryGetValue(s.StaffId, out var list) ? list : [], period, day, today));
        }

        return new CoverageData(period, day, today, standings, scores);
    }
}
