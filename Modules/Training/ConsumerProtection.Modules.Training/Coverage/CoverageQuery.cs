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

    private const string AggregatedSql = """
        SELECT staff_id AS StaffId, topic AS Topic, COUNT(*) AS Sessions, SUM(minutes) AS Minutes
        FROM [training].[training_record]
        WHERE occurred_on >= @YearStart AND occurred_on <= @Day AND qualifies = 1
        GROUP BY staff_id, topic
        """;

    private const string NewHireSql = """
        SELECT r.staff_id AS StaffId, r.occurred_on AS Date, r.topic AS Topic, r.minutes AS Minutes
        FROM [training].[training_record] r JOIN [training].[staff] s ON s.staff_id = r.staff_id
        WHERE s.hire_date >= @YearStart AND s.hire_date <= @Day AND r.occurred_on >= @YearStart AND r.occurred_on <= @Day AND r.qualifies = 1
        """;

    private const string ScoreSql = """
        SELECT staff_id AS StaffId, SUM(score) AS Total, COUNT(score) AS Scored
        FROM [training].[training_record]
        WHERE occurred_on >= @Start AND occurred_on <= @Day AND score IS NOT NULL
        GROUP BY staff_id
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
    }

    internal sealed class ScoreRow
    {
        public string StaffId { get; set; } = "";
        public long Total { get; set; }
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
        var (staff, aggregated, newHire, scores) = await store.Db.ReadAsync(async c =>
        {
            var s = (await c.QueryAsync<StaffRow>(new CommandDefinition(StaffSql, args, cancellationToken: ct))).AsList();
            var a = (await c.QueryAsync<RecordRow>(new CommandDefinition(AggregatedSql, args, cancellationToken: ct))).AsList();
            var n = (await c.QueryAsync<RecordRow>(new CommandDefinition(NewHireSql, args, cancellationToken: ct))).AsList();
            var sc = (await c.QueryAsync<ScoreRow>(new CommandDefinition(ScoreSql, args, cancellationToken: ct))).AsList();
            return (s, a, n, sc);
        }, ct);

        var hiredThisYear = new HashSet<string>(newHire.Select(r => r.StaffId), StringComparer.Ordinal);
        var records = new Dictionary<string, List<QualifyingRecord>>(StringComparer.Ordinal);
        void Add(RecordRow r, DateOnly date)
        {
            if (!records.TryGetValue(r.StaffId, out var list))
            {
                records[r.StaffId] = list = [];
            }

            var topic = StrictEnum.FromStored<Topic>(r.Topic, "topic");
            for (var i = 0; i < r.Sessions; i++)
            {
                // An aggregate carries its minutes on the first of its sessions: the sums stay exact.
                list.Add(new QualifyingRecord(r.StaffId, date, topic, i == 0 ? (int)r.Minutes : 0));
            }
        }

        foreach (var r in aggregated.Where(r => !hiredThisYear.Contains(r.StaffId)))
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

        return new CoverageData(period, day, today, standings, scores.ToDictionary(x => x.StaffId, x => (x.Total, (int)x.Scored), StringComparer.Ordinal));
    }
}
