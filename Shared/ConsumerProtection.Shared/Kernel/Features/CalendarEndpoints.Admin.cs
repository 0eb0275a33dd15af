using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Shared.Kernel.Features;

// Import of a national schedule (cp-calendar/1) and the bank's local days. How they combine (README "Calendar"):
// PUT /{year} is the office's complete list; import replaces the year's national entries and keeps local days;
// local days win over the national entry on their date and survive later imports and shipped updates.
internal static partial class CalendarEndpoints
{
    public sealed record ImportView(int Year, long Version, bool Maintained, int Days, string Source);

    /// <summary>A local day: <c>kind</c> is exactly <c>Holiday</c> (a weekday off) or <c>Workday</c> (a weekend day worked).</summary>
    public sealed record LocalDayRequest(string? Kind, string? Name);

    private const int MaxImportBytes = 64 * 1024;

    private static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapPost("/import", Import).WithName("ImportCalendarYear").Accepts<CalendarFile>("application/json")
            .WithSummary("Import a year's holiday schedule").WithDescription("Imports one year's State Council schedule in the cp-calendar/1 format; local days stay and win.");
        admin.MapPut("/local-days/{date}", SetLocalDay).WithName("SetLocalCalendarDay")
            .WithSummary("Set a local calendar day").WithDescription("Adds or replaces one local holiday or make-up working day on top of the national schedule.");
        admin.MapDelete("/local-days/{date}", RemoveLocalDay).WithName("RemoveLocalCalendarDay")
            .WithSummary("Remove a local calendar day").WithDescription("Removes a local day; the date falls back to a plain weekday or weekend.");
    }

    private static async Task<Results<Ok<ImportView>, ValidationProblem>> Import(HttpRequest request, CalendarStore store, IWorkingCalendar calendar, CancellationToken ct)
    {
        var v = new Validation();
        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxImportBytes + 1];
        var read = await reader.ReadBlockAsync(buffer, ct);
        var schedule = read > MaxImportBytes ? null : CalendarFile.Parse(new string(buffer, 0, read), v);
        if (read > MaxImportBytes)
        {
            v.Add("body", $"must be at most {MaxImportBytes} characters.");
        }

        if (schedule is null)
        {
            return v.ToProblem();
        }

        await store.ImportAsync(schedule, null, ct);
        var state = (await calendar.GetAsync(ct)).Year(schedule.Year);
        return TypedResults.Ok(new ImportView(schedule.Year, state.Version, state.Maintained, schedule.Days.Count, schedule.Source));
    }

    private static async Task<Results<NoContent, ValidationProblem>> SetLocalDay(string date, LocalDayRequest request, CalendarStore store, CancellationToken ct)
    {
        var v = new Validation().Required("kind", request.Kind).Text("name", request.Name, 100);
        // Exactly one defined name: no numbers, no "Holiday,Workday" (ADR 0003).
        DayKind? parsed = request.Kind switch { nameof(DayKind.Holiday) => DayKind.Holiday, nameof(DayKind.Workday) => DayKind.Workday, _ => null };
        v.Check(request.Kind is null || parsed is not null, "kind", "must be Holiday or Workday.");
        var day = ParseDate(date, v);
        if (day is { } d && parsed is { } kind)
        {
            var weekend = d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            v.Check(kind != DayKind.Holiday || !weekend, "kind", "a weekend day is already not a working day.")
             .Check(kind != DayKind.Workday || weekend, "kind", "a weekday is already a working day.");
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        await store.SetLocalDayAsync(new CalendarDay(day!.Value, parsed!.Value, request.Name!.Trim()), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveLocalDay(string date, CalendarStore store, CancellationToken ct)
    {
        var v = new Validation();
        if (ParseDate(date, v) is not { } day)
        {
            return v.ToProblem();
        }

        return await store.RemoveLocalDayAsync(day, ct) ? TypedResults.NoContent() : Problems.NotFound("local day");
    }

    private static DateOnly? ParseDate(string text, Validation v)
    {
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            v.Add("date", "must be a date yyyy-MM-dd.");
            return null;
        }

        v.Check(day.Year is >= 2000 and <= 2100, "date", "must fall between 2000 and 2100.");
        return day;
    }
}
