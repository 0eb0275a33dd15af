using ConsumerProtection.Shared.Audit;
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
internal static class CalendarEndpoints
{
    public sealed record DayEntry(DateOnly? Date, DayKind? Kind, string? Name);

    public sealed record YearRequest(List<DayEntry>? Days);

    public sealed record YearView(int Year, string TimeZone, int WorkingDays, IReadOnlyList<DayEntry> Days);

    public sealed record WorkingDaysView(DateOnly From, DateOnly To, int WorkingDays);

    public sealed record AddView(DateOnly From, int Days, DateOnly Result, DateTimeOffset EndOfDay);

    private const string SelectYear = """
        SELECT day AS Date, kind AS Kind, name AS Name FROM [kernel].[calendar_day]
        WHERE day >= @From AND day <= @To ORDER BY day
        """;

    private const string DeleteYear = """
        DELETE FROM [kernel].[calendar_day] WHERE day >= @From AND day <= @To
        """;

    private const string InsertDay = """
        INSERT INTO [kernel].[calendar_day] (day, kind, name) VALUES (@Date, @Kind, @Name)
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        var read = api.MapGroup("/calendar").WithTags("Calendar").RequireRoles(Roles.All);
        read.MapGet("/{year:int}", GetYear).WithName("GetCalendarYear");
        read.MapGet("/working-days", Between).WithName("CountWorkingDays");
        read.MapGet("/add-working-days", Add).WithName("AddWorkingDays");
        api.MapPut("/admin/calendar/{year:int}", PutYear).WithTags("Admin: calendar").RequireRoles(Role.Admin).WithName("ReplaceCalendarYear");
    }

    private static async Task<Results<Ok<YearView>, ValidationProblem>> GetYear(
        int year, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IWorkingCalendar calendar, CancellationToken ct)
    {
        if (!ValidYear(year, out var problem))
        {
            return problem;
        }

        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var days = await db.ReadAsync(c => c.QueryAsync<(DateOnly Date, string Kind, string Name)>(
            new CommandDefinition(SelectYear, new { From = from, To = to }, cancellationToken: ct)), ct);
        var rules = await calendar.GetAsync(ct);
        return TypedResults.Ok(new YearView(year, rules.Zone.Id, rules.WorkingDaysBetween(from.AddDays(-1), to),
            days.Select(d => new DayEntry(d.Date, Enum.Parse<DayKind>(d.Kind), d.Name)).ToList()));
    }

    private static async Task<Results<Ok<YearView>, ValidationProblem>> PutYear(
        int year, YearRequest request, [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IWorkingCalendar calendar,
        IAuditWriter audit, CancellationToken ct)
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

        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var entries = request.Days!.OrderBy(d => d.Date).ToList();
        await db.InTransactionAsync(async (c, tx) =>
        {
            var before = (await c.QueryAsync<(DateOnly Date, string Kind, string Name)>(
                new CommandDefinition(SelectYear, new { From = from, To = to }, tx, cancellationToken: ct))).ToList();
            await c.ExecuteAsync(new CommandDefinition(DeleteYear, new { From = from, To = to }, tx, cancellationToken: ct));
            foreach (var e in entries)
            {
                await c.ExecuteAsync(new CommandDefinition(InsertDay,
                    new { Date = e.Date!.Value, Kind = e.Kind!.Value.ToString(), Name = e.Name!.Trim() }, tx, cancellationToken: ct));
            }

            await audit.AppendAsync(db, c, tx, new AuditEntry("calendar.year-replaced", "calendar-year", year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                before.Select(b => new { b.Date, b.Kind, b.Name }), entries), ct);
            return 0;
        }, ct);
        calendar.Invalidate();
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

    private static bool ValidYear(int year, out ValidationProblem problem)
    {
        var v = new Validation().Check(year is >= 2000 and <= 2100, "year", "must be between 2000 and 2100.");
        problem = v.IsValid ? null! : v.ToProblem();
        return v.IsValid;
    }
}
