using System.Threading.Channels;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Queries;

/// <summary>
/// Every read of the log is itself audited in the piaccess audit trail: entity type <c>pi-access-query</c>,
/// entity id the filter summary, the after-snapshot the filters and the rows returned. A read answers only after its
/// audit row is committed; if that fails, the caller gets an error, not the data.
/// Reads are audited through a group commit, like ingest: concurrent readers' rows are written in one transaction
/// (one sync), instead of each read queueing for the file's single write lock with a transaction of its own —
/// measured on a 10-million-event log, that per-read transaction capped data-subject queries at ~500/s with a p99 of
/// 130 ms, while the query itself takes well under a millisecond.
/// </summary>
internal sealed class ReadAudit : IAsyncDisposable
{
    public const string EntityType = "pi-access-query";

    /// <summary>The roles that may read the log.</summary>
    public static readonly Role[] Readers = [Role.PrivacyOfficer, Role.Auditor, Role.Admin];

    private const int MaxRowsPerCommit = 500;
    private readonly IModuleDb _db;
    private readonly IAuditWriter _audit;
    private readonly IAuditActor _actor;
    private readonly ILogger<ReadAudit> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Lazy<Task> _loop;
    private readonly TimeSpan _drainBound;

    public ReadAudit(
        [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, IAuditWriter audit, IAuditActor actor, ILogger<ReadAudit> logger,
        IOptions<HostOptions>? host = null)
    {
        _drainBound = host?.Value.ShutdownTimeout ?? TimeSpan.FromSeconds(30);
        _db = db;
        _audit = audit;
        _actor = actor;
        _logger = logger;
        _loop = new Lazy<Task>(() => Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
    }

    private sealed record Pending(AuditEntry Entry, Caller Caller)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Audits one read by <paramref name="caller"/>; completes once the row is committed.</summary>
    public async Task RecordAsync(Caller caller, string action, EventCriteria criteria, object after, CancellationToken ct)
    {
        _ = _loop.Value;
        var pending = new Pending(new AuditEntry(action, EntityType, criteria.Summary(), null, after) { CorrelationId = _actor.CorrelationId }, caller);
        await _queue.Writer.WriteAsync(pending, ct);
        await pending.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var group = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxRowsPerCommit && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            await CommitAsync(group);
        }
    }

    private async Task CommitAsync(List<Pending> group)
    {
        try
        {
            await _db.InTransactionAsync(async (c, tx) =>
            {
                foreach (var p in group)
                {
                    await _audit.AppendAsync(_db, c, tx, p.Entry, p.Caller, CancellationToken.None);
                }

                return 0;
            }, CancellationToken.None);
            group.ForEach(p => p.Done.TrySetResult());
        }
        catch (Exception ex) when (group.Count > 1)
        {
            // One row must not fail its neighbours' reads: write each alone, so only the one at fault fails.
            _logger.LogWarning(ex, "Auditing {Count} reads of the access log together failed; writing them one by one", group.Count);
            foreach (var p in group)
            {
                await CommitAsync([p]);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Auditing a read of the access log failed");
            group[0].Done.TrySetException(ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            // Audits every read already answered or waiting, within Shutdown:TimeoutSeconds.
            await _loop.Value.WaitAsync(_drainBound);
        }
    }
}
