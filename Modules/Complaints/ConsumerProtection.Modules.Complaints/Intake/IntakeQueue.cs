using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data.GroupCommit;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Intake;

/// <summary>
/// Complaint intake on the shared group-commit queue (ADR 0007): concurrent intakes are stored in ONE transaction —
/// one durable sync for the group instead of one per complaint. Each complaint of a group is written exactly as a lone
/// intake would be (<see cref="FileComplaintEndpoints.WriteAsync"/>), in queue order, so references stay unique and gap-free
/// per day, and a later complaint of the group sees the earlier ones for its repeat link and volume incidents. Its audit
/// rows name the filing caller and the request's correlation id. A caller is answered only after the commit. If a
/// group fails (e.g. a second filing of a regulator case), the queue writes each complaint alone, so only the faulty one
/// fails — with its own exception, which the endpoint maps as before.
/// </summary>
internal sealed class IntakeQueue : IAsyncDisposable
{
    // Large enough to share a sync among many concurrent intakes, small enough to keep the write lock short.
    private const int MaxComplaintsPerCommit = 128;

    private readonly ComplaintStore _store;
    private readonly IAuditWriter _audit;
    private readonly IOptions<ComplaintsOptions> _options;
    private readonly GroupCommitQueue<Intake, ComplaintRow> _queue;

    private static readonly System.Diagnostics.Metrics.Meter Meter = new("ConsumerProtection.Complaints.Intake");
    private static readonly System.Diagnostics.Metrics.Histogram<int> GroupSize =
        Meter.CreateHistogram<int>("cp.complaints.intake.group_size", "{complaint}", "Complaints stored per intake group commit.");
    private static readonly System.Diagnostics.Metrics.Histogram<double> Wait =
        Meter.CreateHistogram<double>("cp.complaints.intake.wait", "s", "From an intake's queueing to its durable commit.");

    public IntakeQueue(
        ComplaintStore store, IAuditWriter audit, IOptions<ComplaintsOptions> options, TimeProvider time, ILogger<IntakeQueue> logger,
        IOptions<HostOptions>? host = null)
    {
        _store = store;
        _audit = audit;
        _options = options;
        _queue = new GroupCommitQueue<Intake, ComplaintRow>(
            new GroupCommitOptions
            {
                Name = "complaints.intake", Capacity = 10_000, MaxBatchWeight = MaxComplaintsPerCommit,
                DrainTimeout = host?.Value.ShutdownTimeout ?? TimeSpan.FromSeconds(30),
            },
            CommitAsync, time, logger)
        {
            Committed = (items, _) => GroupSize.Record(items.Count),
            Waited = waited => Wait.Record(waited.TotalSeconds),
        };
    }

    private sealed record Intake(ComplaintRow Row, Caller Caller, string? CorrelationId, DateTimeOffset Now);

    /// <summary>Stores a validated, sealed new complaint filed by <paramref name="caller"/>; completes after the durable commit.</summary>
    public Task<ComplaintRow> FileAsync(ComplaintRow row, Caller caller, string? correlationId, DateTimeOffset now, CancellationToken ct)
    {
        _store.Consumers.Seal(row);
        return _queue.EnqueueAsync(new Intake(row, caller, correlationId, now), ct);
    }

    private Task<IReadOnlyList<ComplaintRow>> CommitAsync(IReadOnlyList<Intake> group)
    {
        var o = _options.Value;
        return _store.Db.InTransactionAsync<IReadOnlyList<ComplaintRow>>(async (c, tx) =>
        {
            var stored = new ComplaintRow[group.Count];
            await using var batch = await IntakeBatch.StartAsync(_store, _audit, c, tx, CancellationToken.None);
            for (var i = 0; i < group.Count; i++)
            {
                var item = group[i];
                var audit = new ActingAuditWriter(batch.Audit, item.Caller, item.CorrelationId);
                stored[i] = await FileComplaintEndpoints.WriteAsync(_store, audit, batch, item.Row, o, item.Now, CancellationToken.None);
            }

            await batch.FlushAsync(CancellationToken.None);
            return stored;
        }, CancellationToken.None);
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
