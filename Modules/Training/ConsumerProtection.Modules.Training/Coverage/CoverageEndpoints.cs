using System.Globalization;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Exporting;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Training.Coverage;

/// <summary>One unit's figures: staff required, completed, coverage %, average test score, overdue.</summary>
internal sealed record CoverageUnit(string Unit, int Required, int Completed, decimal? CoveragePercent, decimal? AverageScore, int Overdue);

/// <summary>The sums behind a <see cref="CoverageUnit"/>; tallies of disjoint staff add up.</summary>
internal readonly record struct UnitTally(int Required, int Completed, int Overdue, long ScoreSum, long Scored)
{
    public static UnitTally operator +(UnitTally a, UnitTally b) =>
        new(a.Required + b.Required, a.Completed + b.Completed, a.Overdue + b.Overdue, a.ScoreSum + b.ScoreSum, a.Scored + b.Scored);

    /// <summary>The tally of judged staff members, with their scores from <paramref name="data"/>.</summary>
    public static UnitTally Of(IEnumerable<Standing> standings, CoverageData data)
    {
        int required = 0, completed = 0, overdue = 0;
        long scoreSum = 0, scored = 0;
        foreach (var s in standings)
        {
            required += s.Required ? 1 : 0;
            completed += s.Completed ? 1 : 0;
            overdue += s.Overdue ? 1 : 0;
            if (data.Scores.TryGetValue(s.Staff.StaffId, out var sc))
            {
                scoreSum += sc.Sum;
                scored += sc.Count;
            }
        }

        return new UnitTally(required, completed, overdue, scoreSum, scored);
    }

    /// <summary>Coverage % and average score with one decimal, half away from zero.</summary>
    public CoverageUnit ToUnit(string unit) =>
        new(unit, Required, Completed, CoverageCalculator.Percent(Completed, Required), Scored == 0 ? null : Math.Round((decimal)ScoreSum / Scored, 1, MidpointRounding.AwayFromZero), Overdue);
}

/// <summary>The coverage report of a period (plan 6 art. 39), judged on <c>judgedOn</c>.</summary>
internal sealed record CoverageReport(int Year, PeriodKind Period, DateOnly From, DateOnly To, DateOnly JudgedOn, ReportBy By, IReadOnlyList<CoverageUnit> Units, CoverageUnit Total);

/// <summary>A staff member with an unmet requirement; the name only for training administrators and the branch's own manager.</summary>
internal sealed record StaffDue(
    string StaffId, string? Name, string BranchId, string? Department, RoleCategory RoleCategory, string? Position, IReadOnlyList<string> Unmet, DateOnly? DueOn, bool Overdue);

/// <summary>Coverage report, drill-down to the staff missing, due lists; requirements are in <c>.Requirements</c>.</summary>
internal static partial class CoverageEndpoints
{
    private const string NameSql = "SELECT name FROM [training].[staff] WHERE staff_id = @StaffId";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/coverage", ReportAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingCoverage")
            .WithSummary("Coverage report")
            .WithDescription("""
                Per branch, department or role category (`by`) for `year` and `period` (Year, H1, H2, Q1–Q4): staff required, completed,
                coverage % (one decimal), average test score, overdue. Judged on the period's last day, or today while it runs. JSON, CSV or .xlsx:
                `format=Json|Csv|Xlsx`, or `Accept: text/csv` / the .xlsx media type. A branch manager sees its branch only.
                """)
            .Produces<CoverageReport>(StatusCodes.Status200OK, "application/json", Csv.MediaType, ExportTable.XlsxMediaType)
            .ProducesValidationProblem();
        group.MapGet("/coverage/missing", MissingAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingCoverageMissing")
            .WithSummary("Staff missing from coverage")
            .WithDescription("The staff of one unit (`by`, `unit`) who have not completed their requirements in the period, paged. Names only for training administrators and the branch's own manager (logged in the access log).")
            .ProducesValidationProblem();
        group.MapGet("/due", DueAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingDueList")
            .WithSummary("Due and overdue lists")
            .WithDescription("`state=DueSoon`: staff with an unmet requirement due within `Training:DueSoonDays` (default 30) days; `state=Overdue`: past due. This year, as of today; paged; names as for the drill-down. CSV or .xlsx (`format=Csv|Xlsx` or Accept) export the whole list, unpaged.")
            .Produces<Page<StaffDue>>(StatusCodes.Status200OK, "application/json", Csv.MediaType, ExportTable.XlsxMediaType)
            .ProducesValidationProblem();
        MapRequirements(group);
    }

    private static Validation PeriodArgs(int? year, Validation v)
    {
        v.Required("year", year);
        v.Check(year is null or >= 2000 and <= 2100, "year", "must be between 2000 and 2100.");
        return v;
    }

    private static async Task<IResult> ReportAsync(
        HttpContext http, CoverageQuery query, IWorkingCalendar calendar, TimeProvider time, int? year, PeriodKind? period, ReportBy? by, ExportFormat? format, CancellationToken ct)
    {
        var v = PeriodArgs(year, new Validation());
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var today = (await calendar.GetAsync(ct)).LocalDate(time.GetUtcNow());
        var report = await query.ReportAsync(new Period(year!.Value, period ?? PeriodKind.Year), today, TrainingRoles.BranchScope(caller), by ?? ReportBy.Branch, ct);
        var chosen = ExportTable.Chosen(http.Request, format);
        return chosen == ExportFormat.Json ? TypedResults.Ok(report) : ReportTable(report).Result(chosen, $"training-coverage-{report.Year}-{report.Period}");
    }

    internal static CoverageReport Report(CoverageData data, ReportBy by)
    {
        var units = data.Standings.GroupBy(s => UnitOf(s.Staff, by)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Unit(g.Key, g, data)).ToList();
        return new CoverageReport(data.Period.Year, data.Period.Kind, data.Period.Start, data.Period.End, data.Day, by, units, Unit("total", data.Standings, data));
    }

    internal static string UnitOf(StaffFacts s, ReportBy by) => by switch
    {
        ReportBy.Department => s.Department ?? "",
        ReportBy.RoleCategory => s.RoleCategory.ToString(),
        _ => s.BranchId,
    };

    internal static CoverageUnit Unit(string unit, IEnumerable<Standing> standings, CoverageData data) => UnitTally.Of(standings, data).ToUnit(unit);

    internal static ExportTable ReportTable(CoverageReport r)
    {
        var judged = r.JudgedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new ExportTable("coverage", ["year", "period", "judgedOn", r.By.ToString(), "required", "completed", "coveragePercent", "averageScore", "overdue"],
            [.. r.Units.Append(r.Total).Select(u => new object?[] { r.Year, r.Period.ToString(), judged, u.Unit, u.Required, u.Completed, u.CoveragePercent, u.AverageScore, u.Overdue })]);
    }

    private static ExportTable DueTable(IEnumerable<StaffDue> list) =>
        new("due", ["staffId", "name", "branchId", "department", "roleCategory", "position", "unmet", "dueOn", "overdue"],
            [.. list.Select(d => new object?[]
            {
                d.StaffId, d.Name, d.BranchId, d.Department, d.RoleCategory.ToString(), d.Position, string.Join(' ', d.Unmet),
                d.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Overdue ? "true" : "false",
            })]);

    private static async Task<Results<Ok<Page<StaffDue>>, ValidationProblem>> MissingAsync(
        HttpContext http, CoverageQuery query, TrainingStore store, IWorkingCalendar calendar, IServiceProvider services,
        int? year, PeriodKind? period, ReportBy? by, string? unit, int? page, int? pageSize, CancellationToken ct)
    {
        var v = PeriodArgs(year, new Validation());
        var paging = Paging.From(page, pageSize, v);
        v.Text("unit", unit, 100, required: false);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var today = (await calendar.GetAsync(ct)).LocalDate(store.Time.GetUtcNow());
        var data = await query.LoadAsync(new Period(year!.Value, period ?? PeriodKind.Year), today, TrainingRoles.BranchScope(caller), ct);
        var missing = data.Standings.Where(s => s.Required && !s.Completed && (unit is null || UnitOf(s.Staff, by ?? ReportBy.Branch) == unit))
            .OrderBy(s => s.Staff.StaffId, StringComparer.Ordinal).ToList();
        return TypedResults.Ok(await PageAsync(missing, paging, caller, store, services, "coverage-drill-down", ct));
    }

    private static async Task<IResult> DueAsync(
        HttpContext http, CoverageQuery query, TrainingStore store, IWorkingCalendar calendar, IServiceProvider services, IOptions<TrainingOptions> options,
        DueState? state, string? branchId, int? page, int? pageSize, ExportFormat? format, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        v.Required("state", state);
        v.Check(branchId is null || StaffRules.IsBranch(branchId), "branchId", "must be 1 to 50 letters or digits.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var scope = TrainingRoles.BranchScope(caller);
        var chosen = ExportTable.Chosen(http.Request, format);
        if (scope is not null && branchId is not null && branchId != scope)
        {
            return chosen == ExportFormat.Json ? TypedResults.Ok(paging.Of<StaffDue>([], 0)) : DueTable([]).Result(chosen, "training-due");
        }

        var today = (await calendar.GetAsync(ct)).LocalDate(store.Time.GetUtcNow());
        var data = await query.LoadAsync(new Period(today.Year, PeriodKind.Year), today, scope ?? branchId, ct);
        var horizon = today.AddDays(options.Value.DueSoonDays);
        var list = data.Standings.Where(s => s.DueOn is { } due && (state == DueState.Overdue ? s.Overdue : !s.Overdue && due >= today && due <= horizon))
            .OrderBy(s => s.DueOn).ThenBy(s => s.Staff.StaffId, StringComparer.Ordinal).ToList();
        if (chosen != ExportFormat.Json)
        {
            return DueTable(await NamedAsync(list, caller, store, services, "training-due-list", ct)).Result(chosen, $"training-due-{state}");
        }

        return TypedResults.Ok(await PageAsync(list, paging, caller, store, services, "training-due-list", ct));
    }

    private static async Task<Page<StaffDue>> PageAsync(
        List<Standing> all, Paging paging, Caller caller, TrainingStore store, IServiceProvider services, string business, CancellationToken ct) =>
        paging.Of(await NamedAsync([.. all.Skip(paging.Offset).Take(paging.PageSize)], caller, store, services, business, ct), all.Count);

    // One access-log event for the page or export when it shows any names (PIPL art. 51).
    private static async Task<List<StaffDue>> NamedAsync(
        List<Standing> slice, Caller caller, TrainingStore store, IServiceProvider services, string business, CancellationToken ct)
    {
        var named = slice.Where(s => TrainingRoles.SeesNames(caller, s.Staff.BranchId)).Select(s => s.Staff.StaffId).ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (named.Count > 0)
        {
            await StaffAccess.RecordAsync(services, caller, store.Time.GetUtcNow(), named.Count == 1 ? "staff:" + named.First() : $"staff-list:{named.Count}", business, AccessAction.View, ct);
            await store.Db.ReadAsync(async c =>
            {
                foreach (var id in named)
                {
                    var envelope = await c.ExecuteScalarAsync<string?>(new CommandDefinition(NameSql, new { StaffId = id }, cancellationToken: ct));
                    names[id] = store.OpenName(id, envelope);
                }

                return 0;
            }, ct);
        }

        return [.. slice.Select(s => new StaffDue(s.Staff.StaffId, names.GetValueOrDefault(s.Staff.StaffId), s.Staff.BranchId, s.Staff.Department,
            s.Staff.RoleCategory, s.Staff.Position, s.Unmet, s.DueOn, s.Overdue))];
    }
}
