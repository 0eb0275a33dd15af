using System.Threading.Channels;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

/// <summary>
/// Group commit: every submission (an HTTP request, a batch, an in-process call) waits in one queue; a single loop
/// takes everything queued — up to <see cref="PersonalInfoAccessOptions.MaxEventsPerCommit"/> events — and commits it as one
/// transaction, then completes each submission. There is no artificial delay: while one commit syncs to disk, the next
/// group gathers, so a busy log commits large groups and an idle one commits each event at once. A submission's task
/// completes only after its transaction committed (SQLite synchronous=FULL), so an acknowledgement means durable.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly IModuleDb _db;
    private readonly EventAppender _appender;
    private readonly TimeProvider _time;
    private readonly ILogger<GroupCommitWriter> _logger;
    private readonly int _maxEvents;
    private readonly Channel<Submission> _queue;
    private readonly Lazy<Task> _loop;
    private readonly List<Action<long>> _committedListeners = [];
    private readonly TimeSpan _drainBound;

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
        _drainBound = host?.Value.ShutdownTimeout ?? TimeSpan.FromSeconds(30);
        _db = db;
        _appender = appender;
        _time = time;
        _logger = logger;
        _maxEvents = options.Value.MaxEventsPerCommit;
        _queue = Channel.CreateBounded<Submission>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true, FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = new Lazy<Task>(() => Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
    }

    /// <summary>Called after each commit with the last committed seq (e.g. to take a checkpoint). Register at start-up.</summary>
    public void OnCommitted(Action<long> listener) => _committedListeners.Add(listener);

    /// <summary>Queues <paramref name="events"/> and completes once they are committed (or found already stored).</summary>
    public async Task<AppendResult[]> SubmitAsync(IReadOnlyList<AccessEvent> events, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return [];
        }

        _ = _loop.Value;
        var submission = new Submission(events) { QueuedAt = _time.GetTimestamp() };
        await _queue.Writer.WriteAsync(submission, ct);
        // A caller that gives up still leaves its events to be written (a resend is then a duplicate, never lost or doubled).
        return await submission.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var group = new List<Submission>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            var count = 0;
            while (count < _maxEvents && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                count += next.Events.Count;
            }

            await CommitAsync(group);
        }
    }

    private async Task CommitAsync(List<Submission> group)
    {
        try
        {
            var events = group.Count == 1 ? group[0].Events : group.SelectMany(s => s.Events).ToList();
            var recordedAt = _time.GetUtcNow();
            var results = await _db.InTransactionAsync((c, tx) => _appender.AppendAsync(c, tx, events, recordedAt, CancellationToken.None), CancellationToken.None);
            Committed(results);
            GroupSize.Record(events.Count);
            foreach (var s in group)
            {
                Wait.Record(_time.GetElapsedTime(s.QueuedAt).TotalSeconds);
            }

            Appended.Add(results.Count(r => r.Status == AppendStatus.Recorded));
            var offset = 0;
            foreach (var s in group)
            {
                s.Done.TrySetResult(results.AsSpan(offset, s.Events.Count).ToArray());
                offset += s.Events.Count;
            }
        }
        catch (Exception ex) when (group.Count > 1)
        {
            // One submission must not fail its neighbours: write each alone so only the one at fault fails.
            _logger.LogWarning(ex, "A group commit of {Submissions} submissions failed; committing them one by one", group.Count);
            foreach (var s in group)
            {
                await CommitAsync([s]);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Committing access events failed");
            group[0].Done.TrySetException(ex);
        }
    }

    private void Committed(AppendResult[] results)
    {
        var last = 0L;
        foreach (var r in results)
        {
            if (r.Status == AppendStatus.Recorded)
            {
                last = r.Seq;
            }
        }

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

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            // Drain what was accepted before shutting down: the host disposes this after Kestrel stopped taking
            // requests, so the queue only shrinks; Shutdown:TimeoutSeconds bounds the wait.
            await _loop.Value.WaitAsync(_drainBound);
        }
    }

    private sealed class Submission(IReadOnlyList<AccessEvent> events)
    {
        public IReadOnlyList<AccessEvent> Events { get; } = events;
        public long QueuedAt { get; init; }
        public TaskCompletionSource<AppendResult[]> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
