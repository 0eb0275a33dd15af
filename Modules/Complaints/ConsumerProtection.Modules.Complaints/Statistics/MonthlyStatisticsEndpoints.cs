using System.Globalization;
using System.Text;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Statistics;

/// <summary>
/// <c>GET /api/v1/complaints/statistics/monthly/{yyyy-MM}</c>: the monthly complaint statistics regulators ask for
/// (FCA DISP 1.10 figures, CFPB-style breakdowns, CBIRC counts by business type and region).
/// Aggregates only, never a person: the Regulator role may read it. JSON, or CSV with <c>Accept: text/csv</c>.
/// </summary>
internal static partial class MonthlyStatisticsEndpoints
{
    public sealed record Response(
        string Month, string TimeZone, DateOnly FirstDay, DateOnly LastDay, DateTimeOffset GeneratedAt, string PolicyNote,
        long OutstandingAtStart, long Received, long Closed, long Withdrawn, long OutstandingAtEnd,
        Share ClosedWithinInternalTarget, Share ClosedWithinRegulatoryDeadline, UpheldFigures Upheld,
        Money RedressPaid, IReadOnlyList<Money> RedressPaidOtherCurrencies, HandlingTime HandlingWorkingDays,
        Transfers RegulatorTransfers, IncidentFigures MajorIncidents, Breakdowns Breakdowns, IReadOnlyList<JudgedBy> JudgedBy);

    /// <summary>
    /// Complaints closed in the month by the deadline policy and calendar version (e.g. <c>2026v2</c>) their deadlines were
    /// computed on; <c>CalendarMaintained</c> false means a provisional deadline (a year without a holiday schedule).
    /// </summary>
    public sealed record JudgedBy(string Policy, string? CalendarVersion, bool CalendarMaintained, long Closed);

    /// <summary>A count and its share of the complaints closed in the month (null when none closed).</summary>
    public sealed record Share(long Count, decimal? Percent);

    /// <summary>Closure outcomes; <c>Upheld</c> counts Yes and Partly together, as the FCA does.</summary>
    public sealed record UpheldFigures(long Yes, long Partly, long No, long Upheld, decimal? Percent);

    /// <summary>Working days from receipt to the answer, over complaints closed in the month.</summary>
    public sealed record HandlingTime(long Count, decimal? Mean, int? P90, string Method);

    public sealed record Transfers(long Received, long Closed);

    /// <summary>Major incidents (plan 6 art. 41) opened in the month, those still unacknowledged, and all unacknowledged now.</summary>
    public sealed record IncidentFigures(long Opened, long OpenedStillUnacknowledged, long UnacknowledgedNow);

    public sealed record Breakdowns(
        IReadOnlyList<Row> BusinessType, IReadOnlyList<Row> Reason, IReadOnlyList<Row> BusinessChannel,
        IReadOnlyList<Row> IntakeChannel, IReadOnlyList<Row> Branch, IReadOnlyList<Row> Product);

    /// <summary>Received in the month, closed in the month, and upheld (Yes or Partly) among those closed.</summary>
    public sealed record Row(string Key, long Received, long Closed, long Upheld);

    /// <summary>The month as bank-local dates [From, Next) and the instants [Start, End) that bound them.</summary>
    public sealed record Period(string Month, DateOnly From, DateOnly Next, DateTimeOffset Start, DateTimeOffset End);

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/statistics/monthly/{month}", Handle)
            .RequireRoles(Role.Regulator, Role.ComplaintSupervisor, Role.Admin)
            .Produces<Response>(StatusCodes.Status200OK, "application/json", Csv.MediaType)
            .WithDescription("Month is yyyy-MM (bank-local). JSON by default; CSV (section,key,metric,value) with Accept: text/csv.")
            .WithName("GetMonthlyStatistics").WithSummary("Get monthly complaint statistics");

    private static async Task<Results<Ok<Response>, FileContentHttpResult, ValidationProblem>> Handle(
        string month, HttpContext http, ComplaintStore store, IWorkingCalendar calendar, IOptions<ComplaintsOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rules = await calendar.GetAsync(ct);
        var v = new Validation();
        var period = ParseMonth(month, rules, now, v);
        if (period is null)
        {
            return v.ToProblem();
        }

        var data = await QueryAsync(store, period, ct);
        var response = Build(period, data, rules.Zone.Id, now, PolicyNote(options.Value.Policy, rules.Zone.Id));
        if (!Csv.Wanted(http.Request))
        {
            return TypedResults.Ok(response);
        }

        var csv = Encoding.UTF8.GetBytes(ToCsv(response));
        return TypedResults.File(csv, Csv.ContentType, $"complaint-statistics-{period.Month}.csv");
    }

    /// <summary>The month, or null with a <c>month</c> field error (bad format, or later than the bank's current month).</summary>
    internal static Period? ParseMonth(string text, CalendarRules rules, DateTimeOffset now, Validation v)
    {
        if (text.Length != 7 || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            v.Add("month", "must be a month as yyyy-MM, e.g. 2026-01.");
            return null;
        }

        var today = rules.LocalDate(now);
        if (from > new DateOnly(today.Year, today.Month, 1))
        {
            v.Add("month", $"must not be later than the current month ({today:yyyy-MM}).");
            return null;
        }

        // EndOfLocalDay(d - 1) is local midnight at the start of d: withdrawals and incidents carry instants, not dates.
        var next = from.AddMonths(1);
        return new Period(text, from, next, rules.EndOfLocalDay(from.AddDays(-1)), rules.EndOfLocalDay(next.AddDays(-1)));
    }

    private static string PolicyNote(DeadlinePolicy p, string zone) =>
        $"Months are bank-local dates ({zone}). Outstanding: received before the day and neither closed nor withdrawn before it "
        + "(a reopened complaint counts by its latest closure). Within-target figures compare the answer time with the deadlines stored "
        + $"on each complaint (current policy '{p.Name}': internal {p.InternalWorkingDays} working days, regulatory "
        + $"{p.RegulatoryCalendarDays} calendar days). Upheld includes partly upheld (FCA DISP 1.10). Handling time: working days "
        + "from receipt to the answer, over complaints closed in the month; p90 by nearest rank. Percentages are of complaints "
        + "closed in the month, rounded half away from zero to 2 decimals. Redress: paid on complaints closed in the month. "
        + "judgedBy: complaints closed in the month by the policy and calendar version their deadlines were computed on.";
}
