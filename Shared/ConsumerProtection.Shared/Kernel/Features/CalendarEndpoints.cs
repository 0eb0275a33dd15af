using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Kernel.Features;

/// <summary>
/// The working-day calendar. Anyone signed in reads it and asks working-day questions; Admin maintains a year's
/// holidays and make-up working days (调休) as one list, replacing that year's entries in one audited transaction.
/// </summary>
internal static partial class CalendarEndpoints
{
    public sealed record DayEntry(DateOnly? Date, DayKind? Kind, string? Name);

    public sealed record YearRequest(List<DayEntry>? Days);

    public sealed record YearView(
        int Year, string TimeZone, int WorkingDays, long Version, bool Maintained, string? Origin, string? Source, IReadOnlyList<DayEntry> Days);

    public sealed record WorkingDaysView(DateOnly From, DateOnly To, int WorkingDays);

    public sealed record AddView(DateOnly From, int Days, DateOnly Result, DateTimeOffset EndOfDay);

    private const string SelectYear = """
        SELECT day AS Date, kind AS Kind, name AS Name FROM [kernel].[calendar_day]
        WHERE day >= @From AND day <= @To ORDER BY day
        """;

    private const string SelectYearRow = """
        SELECT origin AS Origin, source AS Source FROM [kernel].[calendar_year] WHERE year = @Year
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/calendar").WithTags("Calendar").RequireRoles(Roles.All);
        read.MapGet("/{year:int}", GetYear).WithName("GetCalendarYear").WithSummary("Get a calendar year");
        read.MapGet("/working-days", Between).WithName("CountWorkingDays").WithSummary("Count working days between two dates");
        read.MapGet("/add-working-days", Add).WithName("AddWorkingDays").WithSummary("Add working days to a date");
        var admin = api.MapGroup("/admin/calendar").WithTags("Admin: calendar").RequireRoles(Role.Admin);
        admin.MapPut("/{year:int}", PutYear).WithName("ReplaceCalendarYear")
            .WithSummary("Replace a calendar year").WithDescription("Replaces a year with the office's complete list (local days included); shipped data never touches it again.");
        MapAdmin(admin);
    }

    private static async Task<Results<Ok<YearView>, ValidationProblem>> GetYear(
        int year, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IWorkingCalendar calendar, CancellationToken ct)
    {
        if (!ValidYear(year, out var problem))
        {
            return problem;
        }

        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var (days, row) = await db.ReadAsync(async c => (
            (await c.QueryAsync<(DateOnly Date, string Kind, string Name)>(new CommandDefinition(SelectYear, new { From = from, To = to }, cancellationToken: ct))).AsList(),
            (await c.QueryAsync<(string Origin, string Source)>(new CommandDefinition(SelectYearRow, new { Year = year }, cancellationToken: ct))).AsList()), ct);
        var rules = await calendar.GetAsync(ct);
        var state = rules.Year(year);
        return TypedResults.Ok(new YearView(year, rules.Zone.Id, rules.WorkingDaysBetween(from.AddDays(-1), to), state.Version, state.Maintained,
            row.Count > 0 ? row[0].Origin : null, row.Count > 0 ? row[0].Source : null, days.Select(d => new DayEntry(d.Date, CalendarOrigin.ParseKind(d.Kind), d.Name)).ToList()));
    }

    private static async Task<Results<Ok<YearView>, ValidationProblem>> PutYear(
        int year, YearRequest request, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IWorkingCalendar calendar,
        CalendarStore store, CancellationToken ct)
    {
        if (!ValidYear(year, out var problem))
        {
            return problem;
        }

        var v = new Validation().Required("days", request.Days);
        var seen = new HashSet<DateOnly>();
        for (var i = 0; i < (request.Days?.Count ?? 0); i++)
        {
            var d = request.Days![i];
            var f = $"days[{i}]";
            v.Required(f + ".date", d.Date).Required(f + ".kind", d.Kind).Text(f + ".name", d.Name, 100);
            if (d.Date is not { } date)
            {
                continue;
            }

            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            v.Check(date.Year == year, f + ".date", $"must fall in {year}.")
             .Check(seen.Add(date), f + ".date", "is listed twice.")
             .Check(d.Kind != DayKind.Holiday || !weekend, f + ".kind", "a weekend day is already not a working day; list only weekday holidays.")
             .Check(d.Kind != DayKind.Workday || weekend, f + ".kind", "a weekday is already a working day; list only make-up weekend days.");
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var entries = request.Days!.OrderBy(d => d.Date).Select(d => new CalendarDay(d.Date!.Value, d.Kind!.Value, d.Name!.Trim())).ToList();
        await store.ReplaceYearAsync(year, entries, ct);
        return await GetYear(year, db, calendar, ct);
    }

    private static async Task<Results<Ok<WorkingDaysView>, ValidationProblem>> Between(
        DateOnly? from, DateOnly? to, IWorkingCalendar calendar, CancellationToken ct)
    {
        var v = new Validation().Required("from", from).Required("to", to);
        v.Check(from is null || to is null || Math.Abs(to.Value.DayNumber - from.Value.DayNumber) <= 366 * 20, "to", "the range may span at most 20 years.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var rules = await calendar.GetAsync(ct);
        return TypedResults.Ok(new WorkingDaysView(from!.Value, to!.Value, rules.WorkingDaysBetween(from.Value, to.Value)));
    }

    private static async Task<Results<Ok<AddView>, ValidationProblem>> Add(
        DateOnly? from, int? days, IWorkingCalendar calendar, CancellationToken ct)
    {
        var v = new Validation().Required("from", from).Required("days", days)
            .Check(days is null or >= 0 and <= 1000, "days", "must be between 0 and 1000.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var rules = await calendar.GetAsync(ct);
        var result = rules.AddWorkingDays(from!.Value, days!.Value);
        return TypedResults.Ok(new AddView(from.Value, days.Value, result, rules.EndOfLocalDay(result)));
    }

    internal static bool ValidYear(int year, out ValidationProblem problem)
    {
        var v = new Validation().Check(year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100.");
        problem = v.IsValid ? null! : v.ToProblem();
        return v.IsValid;
    }
}
