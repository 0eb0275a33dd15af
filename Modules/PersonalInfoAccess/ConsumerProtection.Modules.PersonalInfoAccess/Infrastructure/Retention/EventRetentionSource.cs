using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Retention;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Retention;

/// <summary>
/// Access events under retention: record type <c>pi-access-event</c>, record id the event id, the clock
/// starts at occurred_at, kept <c>Retention:RecordTypes:pi-access-event</c> years (default <c>Retention:DefaultYears</c>,
/// never under 3). Disposal purges the personal fields (staff id, customer reference, purpose text, business, consent
/// and authorization references, the personal-hash salt) and sets purged_at — the one update the table's trigger
/// allows — keeps every hash, so the chain still verifies, and signs a purge-ledger entry in the same transaction. A legal hold on the event, or on its customer (<c>pi-access-customer</c>), keeps it.
/// </summary>
internal sealed partial class EventRetentionSource(
    [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, IAuditWriter audit, LegalHolds holds, RetentionGuard guard,
    PurgeLedger ledger, IOptions<RetentionOptions> retention, TimeProvider time, ILogger<EventRetentionSource> logger) : IBatchRetentionRecordSource
{
    public const string Type = "pi-access-event";

    public const string ById = """
        SELECT seq AS Seq, event_id AS EventId, occurred_at AS OccurredAt, customer_ref AS CustomerRef, purged_at AS PurgedAt
        FROM [piaccess].[access_event] WHERE event_id = @EventId
        """;

    // Oldest first after a keyset position, through the occurred_at index; the dialect's row limit is appended.
    public const string Expired = """
        SELECT seq AS Seq, event_id AS EventId, occurred_at AS OccurredAt, customer_ref AS CustomerRef, purged_at AS PurgedAt
        FROM [piaccess].[access_event]
        WHERE occurred_at < @Before AND occurred_at >= @AfterAt AND (occurred_at > @AfterAt OR seq > @AfterSeq) AND purged_at IS NULL
        ORDER BY occurred_at, seq
        """;

    private static readonly DateTimeOffset Start = new(1, 1, 2, 0, 0, 0, TimeSpan.Zero);

    public string RecordType => Type;

    public async Task<RetentionState?> FindAsync(string recordId, CancellationToken ct) =>
        await FindRowAsync(recordId, ct) is { } row ? new RetentionState(row.EventId.ToString("D"), row.OccurredAt) : null;

    public async Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct)
    {
        // The kernel checks holds on the event itself; events of a held customer are left out here.
        var customers = await HeldAsync(CustomerHoldSource.Type, ct);
        var found = new List<string>(limit);
        var after = (At: Start, Seq: 0L);
        while (found.Count < limit)
        {
            var page = await CandidatesAsync(startedBefore, after, limit, ct);
            found.AddRange(page.Where(r => r.CustomerRef is null || !customers.Contains(r.CustomerRef))
                .Take(limit - found.Count).Select(r => r.EventId.ToString("D")));
            if (page.Count < limit)
            {
                break;
            }

            after = (page[^1].OccurredAt, page[^1].Seq);
        }

        return found;
    }

    public async Task DisposeAsync(string recordId, CancellationToken ct)
    {
        if (await FindRowAsync(recordId, ct) is not { PurgedAt: null } row)
        {
            return;
        }

        // Checked again here: the kernel's check and this purge are separate steps, and a customer hold is ours to check.
        // A hold may name the event id in another Guid spelling than the kernel's exact-match check looks for.
        var id = row.EventId.ToString("D");
        var decision = await guard.CheckAsync(Type, new RetentionState(id, row.OccurredAt), ct);
        if (!decision.Allowed || (await HeldAsync(Type, ct)).Contains(id)
            || (row.CustomerRef is not null && await holds.ActiveAsync(CustomerHoldSource.Type, row.CustomerRef, ct) is not null))
        {
            LogKept(logger, row.Seq);
            return;
        }

        var now = time.GetUtcNow();
        await db.InTransactionAsync(async (c, tx) =>
        {
            if ((await ledger.PurgeAsync(c, tx, [row.Seq], now, Type, Years, ct)).Count == 1)
            {
                await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.event-purged", Type, row.EventId.ToString("D"),
                    new { Purged = false }, new { Purged = true, row.Seq, row.EventId }), ct);
            }

            return 0;
        }, ct);
    }

    private int Years => retention.Value.YearsFor(Type);

    // The verifier's rule (ChainVerifier's purge check): a purge is legitimate from occurred_at + the period on, judged by
    // the event's own time (plan 6 art. 34: kept at least three years from the access).
    private bool RetentionEnded(DateTimeOffset occurredAt, DateTimeOffset now) => guard.DisposableOn(Type, occurredAt) <= now;

    private Task<CandidateRow?> FindRowAsync(string recordId, CancellationToken ct) =>
        Guid.TryParse(recordId, out var id)
            ? db.ReadAsync(c => c.QuerySingleOrDefaultAsync<CandidateRow?>(new CommandDefinition(ById, new { EventId = id }, cancellationToken: ct)), ct)
            : Task.FromResult<CandidateRow?>(null);

    private async Task<List<CandidateRow>> CandidatesAsync(
        DateTimeOffset before, (DateTimeOffset At, long Seq) after, int limit, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<CandidateRow>(new CommandDefinition(
            Expired + " " + db.Dialect.Page,
            new { Before = before, AfterAt = after.At, AfterSeq = after.Seq, Offset = 0, Limit = limit }, cancellationToken: ct)), ct)).AsList();

    private async Task<HashSet<string>> HeldAsync(string recordType, CancellationToken ct) =>
        (await holds.ListAsync(recordType, null, activeOnly: true, ct)).Select(h => Normalise(recordType, h.RecordId)).ToHashSet(StringComparer.Ordinal);

    // Event holds name the event id in any Guid spelling; customer references are taken as given.
    private static string Normalise(string recordType, string recordId) =>
        recordType == Type && Guid.TryParse(recordId, out var g) ? g.ToString("D") : recordId;

    internal sealed class CandidateRow
    {
        public long Seq { get; init; }
        public Guid EventId { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string? CustomerRef { get; init; }
        public DateTimeOffset? PurgedAt { get; init; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access event {Seq} kept at disposal: not expired or under legal hold")]
    private static partial void LogKept(ILogger logger, long seq);
}
