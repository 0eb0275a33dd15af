using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Data.GroupCommit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

/// <summary>
/// Group commit of access events on the shared <see cref="GroupCommitQueue{TItem, TResult}"/> (ADR 0007): every
/// submission (an HTTP request, a batch, an in-process call) waits in one queue; one loop takes everything queued — up
/// to <see cref="PersonalInfoAccessOptions.MaxEventsPerCommit"/> events — and appends it in one transaction, then completes each
/// submission. A submission's task completes only after its transaction committed (SQLite synchronous=FULL), so an
/// acknowledgement means durable; a failed group is retried submission by submission, so only the one at fault fails.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly IModuleDb _db;
    private readonly EventAppender _appender;
    private readonly TimeProvider _time;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly GroupCommitQueue<IReadOnlyList<AccessEvent>, AppendResult[]> _queue;
    private readonly List<Action<long>> _committedListeners = [];

    private static readonly System.Diagnostics.Metrics.Meter Meter = new("ConsumerProtection.PersonalInfoAccess");
    private static readonly System.Diagnostics.Metrics.Counter<long> Appended =
        Meter.CreateCounter<long>("cp.piaccess.events.appended", "{event}", "Access events newly committed to the log.");
    private static readonly System.Diagnostics.Metrics.Histogram<int> GroupSize =
        Meter.CreateHistogram<int>("cp.piaccess.group_commit.size", "{event}", "Events committed per group commit.");
    private static readonly System.Diagnostics.Metrics.Histogram<double> Wait =
        Meter.CreateHistogram<double>("cp.piaccess.group_commit.wait", "s", "From a submission's queueing to its durable commit.");

    public GroupCommitWriter(
        [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, EventAppender appender, TimeProvider time,
        IOptions<PersonalInfoAccessOptions> options, ILogger<GroupCommitWriter> logger, IOptions<HostOptions>? host = null)
    {
        _db = db;
        _appender = appender;
        _time = time;
        _logger = logger;
        _queue = new GroupCommitQueue<IReadOnlyList<AccessEvent>, AppendResult[]>(
            new GroupCommitOptions
            {
                Name = "piaccess.ingest", Capacity = options.Value.QueueCapacity, MaxBatchWeight = options.Value.MaxEventsPerCommit,
                DrainTimeout = host?.Value.ShutdownTimeout ?? TimeSpan.FromSeconds(30),
            },
            CommitAsync, time, logger, weight: events => events.Count)
        {
            Committed = (_, results) => Committed(results),
            Waited = waited => Wait.Record(waited.TotalSeconds),
        };
    }

    /// <summary>Called after each commit with the last committed seq (e.g. to take a checkpoint). Register at start-up.</summary>
    public void OnCommitted(Action<long> listener) => _committedListeners.Add(listener);

    /// <summary>Queues <paramref name="events"/> and completes once they are committed (or found already stored).</summary>
    public Task<AppendResult[]> SubmitAsync(IReadOnlyList<AccessEvent> events, CancellationToken ct) =>
        events.Count == 0 ? Task.FromResult<AppendResult[]>([]) : _queue.EnqueueAsync(events, ct);

    private async Task<IReadOnlyList<AppendResult[]>> CommitAsync(IReadOnlyList<IReadOnlyList<AccessEvent>> group)
    {
        var events = group.Count == 1 ? group[0] : group.SelectMany(s => s).ToList();
        var recordedAt = _time.GetUtcNow();
        var results = await _db.InTransactionAsync((c, tx) => _appender.AppendAsync(c, tx, events, recordedAt, CancellationToken.None), CancellationToken.None);
        GroupSize.Record(events.Count);
        var split = new AppendResult[group.Count][];
        var offset = 0;
        for (var i = 0; i < group.Count; i++)
        {
            split[i] = results.AsSpan(offset, group[i].Count).ToArray();
            offset += group[i].Count;
        }

        return split;
    }

    private void Committed(IReadOnlyList<AppendResult[]> groups)
    {
        var last = 0L;
        var recorded = 0;
        foreach (var r in groups.SelectMany(g => g))
        {
            if (r.Status == AppendStatus.Recorded)
            {
                last = r.Seq;
                recorded++;
            }
        }

        Appended.Add(recorded);
        if (last == 0)
        {
            return;
        }

        foreach (var listener in _committedListeners)
        {
            try
            {
                listener(last);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A commit listener failed");
            }
        }
    }

    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
