using ConsumerProtection.Modules.Complaints.Infrastructure;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.Statistics;

// The statistics are aggregated in the database: each query is a GROUP BY or COUNT over an index range of
// bank-local dates (computed in C# and passed as parameters, so the same text runs on SQLite and SQL Server).
// 0004_statistics_indexes.sql makes every query index-only.
internal static partial class MonthlyStatisticsEndpoints
{
    // Outstanding at a day: received before it and neither closed nor withdrawn before it. Three disjoint parts,
    // each an index range: open now; closed on or after the day; withdrawn on or after it (and not closed).
    // COALESCE rather than "IS NULL OR" keeps SQLite on the closed_date range instead of an OR over the table.
    public const string OutstandingAt = """
        SELECT
            (SELECT COUNT(*) FROM [complaints].[complaint]
             WHERE closed_date IS NULL AND withdrawn_at IS NULL AND received_date < @Day)
          + (SELECT COUNT(*) FROM [complaints].[complaint]
             WHERE closed_date >= @Day AND received_date < @Day AND COALESCE(withdrawn_at, @Instant) >= @Instant)
          + (SELECT COUNT(*) FROM [complaints].[complaint]
             WHERE closed_date IS NULL AND withdrawn_at >= @Instant AND received_date < @Day)
        """;

    public const string MonthCounts = """
        SELECT
            (SELECT COUNT(*) FROM [complaints].[complaint] WHERE withdrawn_at >= @Start AND withdrawn_at < @End) AS Withdrawn,
            (SELECT COUNT(*) FROM [complaints].[incident] WHERE opened_at >= @Start AND opened_at < @End) AS IncidentsOpened,
            (SELECT COUNT(*) FROM [complaints].[incident] WHERE opened_at >= @Start AND opened_at < @End AND status = 'Open') AS IncidentsStillOpen,
            (SELECT COUNT(*) FROM [complaints].[incident] WHERE status = 'Open') AS IncidentsOpenNow
        """;

    private const string ClosedInMonth = "FROM [complaints].[complaint] WHERE closed_date >= @From AND closed_date < @Next";

    private const string ReceivedInMonth = "FROM [complaints].[complaint] WHERE received_date >= @From AND received_date < @Next";

    private const string IsUpheld = "SUM(CASE WHEN upheld IN ('Yes', 'Partly') THEN 1 ELSE 0 END)";

    // Grouped by currency so that redress in another currency is reported apart, never added to CNY.
    public const string ClosedSummary = $"""
        SELECT currency AS Currency, COUNT(*) AS Closed,
               SUM(CASE WHEN answered_within_internal = 1 THEN 1 ELSE 0 END) AS WithinInternal,
               SUM(CASE WHEN answered_within_regulatory = 1 THEN 1 ELSE 0 END) AS WithinRegulatory,
               SUM(CASE WHEN upheld = 'Yes' THEN 1 ELSE 0 END) AS UpheldYes,
               SUM(CASE WHEN upheld = 'Partly' THEN 1 ELSE 0 END) AS UpheldPartly,
               SUM(CASE WHEN upheld = 'No' THEN 1 ELSE 0 END) AS UpheldNo,
               COALESCE(SUM(redress_minor), 0) AS RedressMinor
        {ClosedInMonth}
        GROUP BY currency
        """;

    // A histogram, not the values: a month's closures hold a few dozen distinct day counts at most.
    public const string HandlingHistogram = $"""
        SELECT handling_working_days AS Days, COUNT(*) AS Complaints
        {ClosedInMonth} AND handling_working_days IS NOT NULL
        GROUP BY handling_working_days
        """;

    public const string BreakdownCounts = $"""
        SELECT 'businessType' AS Dimension, business_type AS Item, COUNT(*) AS Received, 0 AS Closed, 0 AS Upheld {ReceivedInMonth} GROUP BY business_type
        UNION ALL SELECT 'reason', reason, COUNT(*), 0, 0 {ReceivedInMonth} GROUP BY reason
        UNION ALL SELECT 'businessChannel', business_channel, COUNT(*), 0, 0 {ReceivedInMonth} GROUP BY business_channel
        UNION ALL SELECT 'intakeChannel', intake_channel, COUNT(*), 0, 0 {ReceivedInMonth} GROUP BY intake_channel
        UNION ALL SELECT 'branch', branch_id, COUNT(*), 0, 0 {ReceivedInMonth} GROUP BY branch_id
        UNION ALL SELECT 'product', product_code, COUNT(*), 0, 0 {ReceivedInMonth} GROUP BY product_code
        UNION ALL SELECT 'businessType', business_type, 0, COUNT(*), {IsUpheld} {ClosedInMonth} GROUP BY business_type
        UNION ALL SELECT 'reason', reason, 0, COUNT(*), {IsUpheld} {ClosedInMonth} GROUP BY reason
        UNION ALL SELECT 'businessChannel', business_channel, 0, COUNT(*), {IsUpheld} {ClosedInMonth} GROUP BY business_channel
        UNION ALL SELECT 'intakeChannel', intake_channel, 0, COUNT(*), {IsUpheld} {ClosedInMonth} GROUP BY intake_channel
        UNION ALL SELECT 'branch', branch_id, 0, COUNT(*), {IsUpheld} {ClosedInMonth} GROUP BY branch_id
        UNION ALL SELECT 'product', product_code, 0, COUNT(*), {IsUpheld} {ClosedInMonth} GROUP BY product_code
        """;

    internal sealed class Counters
    {
        public long Withdrawn { get; set; }
        public long IncidentsOpened { get; set; }
        public long IncidentsStillOpen { get; set; }
        public long IncidentsOpenNow { get; set; }
    }

    internal sealed class ClosedRow
    {
        public string Currency { get; set; } = "";
        public long Closed { get; set; }
        public long WithinInternal { get; set; }
        public long WithinRegulatory { get; set; }
        public long UpheldYes { get; set; }
        public long UpheldPartly { get; set; }
        public long UpheldNo { get; set; }
        public long RedressMinor { get; set; }
    }

    internal sealed class HandlingRow
    {
        public int Days { get; set; }
        public long Complaints { get; set; }
    }

    internal sealed class BreakdownRow
    {
        public string Dimension { get; set; } = "";
        public string Item { get; set; } = "";
        public long Received { get; set; }
        public long Closed { get; set; }
        public long Upheld { get; set; }
    }

    public const string JudgedByCounts = $"""
        SELECT policy_name AS Policy, calendar_stamp AS CalendarVersion, calendar_maintained AS CalendarMaintained, COUNT(*) AS Closed
        {ClosedInMonth}
        GROUP BY policy_name, calendar_stamp, calendar_maintained
        """;

    internal sealed class JudgedByRow
    {
        public string Policy { get; set; } = "";
        public string? CalendarVersion { get; set; }
        public bool CalendarMaintained { get; set; }
        public long Closed { get; set; }
    }

    internal sealed record Data(
        long OutstandingAtStart, long OutstandingAtEnd, Counters Counters, IReadOnlyList<ClosedRow> Closed,
        IReadOnlyList<HandlingRow> Handling, IReadOnlyList<BreakdownRow> Breakdowns, IReadOnlyList<JudgedByRow> JudgedBy);

    // One snapshot: a complaint filed or closed while the six queries run is in all of them or in none.
    internal static Task<Data> QueryAsync(ComplaintStore store, Period p, CancellationToken ct) =>
        SnapshotRead.ReadAsync(store.Db, async (c, tx) =>
        {
            var month = new { p.From, p.Next, p.Start, p.End };
            var atStart = await c.ExecuteScalarAsync<long>(new CommandDefinition(OutstandingAt, new { Day = p.From, Instant = p.Start }, tx, cancellationToken: ct));
            var atEnd = await c.ExecuteScalarAsync<long>(new CommandDefinition(OutstandingAt, new { Day = p.Next, Instant = p.End }, tx, cancellationToken: ct));
            var counters = await c.QuerySingleAsync<Counters>(new CommandDefinition(MonthCounts, month, tx, cancellationToken: ct));
            var closed = await c.QueryAsync<ClosedRow>(new CommandDefinition(ClosedSummary, month, tx, cancellationToken: ct));
            var handling = await c.QueryAsync<HandlingRow>(new CommandDefinition(HandlingHistogram, month, tx, cancellationToken: ct));
            var breakdowns = await c.QueryAsync<BreakdownRow>(new CommandDefinition(BreakdownCounts, month, tx, cancellationToken: ct));
            var judged = await c.QueryAsync<JudgedByRow>(new CommandDefinition(JudgedByCounts, month, tx, cancellationToken: ct));
            return new Data(atStart, atEnd, counters, closed.AsList(), handling.AsList(), breakdowns.AsList(), judged.AsList());
        }, ct);
}
