using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>What one run of the rules did.</summary>
internal sealed record MisuseRun(long EventsScanned, int AlertsRaised, int AlertsUpdated, long Cursor);

/// <summary>
/// Runs the misuse rules over the access log after ingest, never inside it: reads events past the cursor in seq
/// order, a batch at a time, judges them, and writes the batch's alerts and the moved cursor in one transaction. The
/// cursor move is conditional on the cursor read, so a second runner (another host, or the run-now endpoint racing
/// the job) rolls back and re-reads instead of raising alerts twice.
/// </summary>
internal sealed class MisuseDetector(
    [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, IWorkingCalendar calendar, IAuditWriter audit,
    IOptions<MisuseOptions> options, TimeProvider time, ILogger<MisuseDetector> logger)
{
    public const string CursorName = "misuse";
    private const int InChunk = 500;
    private static readonly Caller Actor = Caller.System("piaccess-misuse");
    private readonly SemaphoreSlim _gate = new(1, 1);

    public const string SelectCursor = "SELECT last_seq FROM [piaccess].[misuse_cursor] WHERE name = @Name";

    public const string AdvanceCursor = "UPDATE [piaccess].[misuse_cursor] SET last_seq = @New WHERE name = @Name AND last_seq = @Old";

    public const string SelectBatch = """
        SELECT seq, occurred_at, staff_id, staff_role, source_system, customer_ref, categories, max_tier, purpose, consent_ref,
            authorization_ref, outcome
        FROM [piaccess].[access_event] WHERE seq > @After ORDER BY seq
        """;

    // ix_access_event_staff (staff_id, occurred_at) serves the window.
    public const string SelectStaffWindow = """
        SELECT seq, occurred_at, customer_ref FROM [piaccess].[access_event]
        WHERE staff_id = @StaffId AND occurred_at >= @From AND occurred_at <= @To AND seq <= @MaxSeq
        """;

    // Completed with "IN (@r0, @r1, ...)" per chunk; checked as T-SQL with a one-item list.
    public const string SelectFlags = "SELECT customer_ref, flag FROM [piaccess].[customer_flag] WHERE customer_ref IN (@r0)";

    public async Task<MisuseRun> RunOnceAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            long scanned = 0;
            int raised = 0, updated = 0, raced = 0;
            var size = options.Value.BatchSize;
            while (true)
            {
                var cursor = await db.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(SelectCursor, new { Name = CursorName }, cancellationToken: ct)), ct);
                var batch = (await db.ReadAsync(c => c.QueryAsync<ScannedEvent>(new CommandDefinition(
                    SelectBatch + " " + db.Dialect.Page, new { After = cursor, Offset = 0, Limit = size }, cancellationToken: ct)), ct)).AsList();
                if (batch.Count == 0)
                {
                    logger.LogInformation("Misuse rules: {Scanned} events scanned, {Raised} alerts raised, {Updated} updated", scanned, raised, updated);
                    return new MisuseRun(scanned, raised, updated, cursor);
                }

                var findings = await JudgeAsync(batch, ct);
                try
                {
                    var (r, u) = await new AlertWriter(db, audit, Actor).WriteAsync(findings, cursor, batch[^1].Seq, time.GetUtcNow(), ct);
                    raised += r;
                    updated += u;
                    scanned += batch.Count;
                    raced = 0;
                }
                catch (AlertWriter.RetryBatchException ex) when (++raced < 5)
                {
                    logger.LogInformation("Misuse rules: {Reason} Judging the batch again", ex.Message);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<IReadOnlyCollection<Finding>> JudgeAsync(List<ScannedEvent> batch, CancellationToken ct)
    {
        var o = options.Value;
        var evaluator = new RuleEvaluator(o, await calendar.GetAsync(ct));
        var flags = o.FlaggedCustomer.Enabled ? await FlagsAsync(batch, ct) : new Dictionary<string, CustomerFlagKind>();
        evaluator.PerEvent(batch, flags);
        if (o.DistinctCustomers.Enabled)
        {
            var window = TimeSpan.FromMinutes(o.DistinctCustomers.WindowMinutes);
            var maxSeq = batch[^1].Seq;
            var staffBatches = batch.Where(e => e.StaffId is not null).GroupBy(e => e.StaffId!, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
            // One connection for the batch's window reads (one indexed range read per staff member).
            var histories = await db.ReadAsync(async c =>
            {
                var result = new List<List<WindowEvent>>(staffBatches.Count);
                foreach (var mine in staffBatches)
                {
                    var args = new { mine[0].StaffId, From = mine.Min(e => e.OccurredAt) - window, To = mine.Max(e => e.OccurredAt) + window, MaxSeq = maxSeq };
                    result.Add((await c.QueryAsync<WindowEvent>(new CommandDefinition(SelectStaffWindow, args, cancellationToken: ct))).AsList());
                }

                return result;
            }, ct);
            for (var i = 0; i < staffBatches.Count; i++)
            {
                evaluator.DistinctCustomers(staffBatches[i], histories[i]);
            }
        }

        return evaluator.Findings;
    }

    private async Task<Dictionary<string, CustomerFlagKind>> FlagsAsync(List<ScannedEvent> batch, CancellationToken ct)
    {
        var flags = new Dictionary<string, CustomerFlagKind>(StringComparer.Ordinal);
        var refs = batch.Where(e => e.CustomerRef is not null).Select(e => e.CustomerRef!).Distinct(StringComparer.Ordinal).ToList();
        // Chunks keep the IN list below SQL Server's 2,100 parameters.
        foreach (var chunk in refs.Chunk(InChunk))
        {
            // The list is parameter names only (@r0, @r1, ...); the references are values.
            var args = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                args.Add("r" + i, chunk[i]);
            }

            var sql = SelectFlags.Replace("(@r0)", "(" + string.Join(", ", chunk.Select((_, i) => "@r" + i)) + ")", StringComparison.Ordinal);
            var rows = await db.ReadAsync(c => c.QueryAsync<(string CustomerRef, string Flag)>(new CommandDefinition(sql, args, cancellationToken: ct)), ct);
            foreach (var (customer, flag) in rows)
            {
                // A flag changed outside the API is not a flag this product set: judge the customer as unflagged.
                if (StrictEnum.TryParse<CustomerFlagKind>(flag, out var kind))
                {
                    flags[customer] = kind;
                }
            }
        }

        return flags;
    }
}
