using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Data.GroupCommit;

/// <summary>
/// Group commit (ADR 0007): callers queue items in one bounded queue; a single loop takes whatever is queued, up to
/// <see cref="GroupCommitOptions.MaxBatchWeight"/>, hands it to the commit delegate (which writes the whole batch in
/// ONE durable transaction) and completes each caller only after that transaction committed. There is no artificial
/// delay: while one commit syncs to disk the next batch gathers, so a busy queue commits large batches and an idle one
/// commits each item at once.
/// <list type="bullet">
/// <item>Order: items are committed in queue order, and the delegate's i-th result answers the i-th item.</item>
/// <item>Failure isolation: if a batch of several items fails, each item is committed again alone, so only the item at
/// fault fails (with its own exception) and its neighbours still commit. The delegate must therefore be safe to run
/// again after a rolled-back attempt (it always is for a single transaction that rolled back).</item>
/// <item>Back-pressure: a full queue makes <see cref="EnqueueAsync"/> wait (bounded by the caller's token).</item>
/// <item>Cancellation: a caller that gives up before its item was taken removes it (it is never written); once taken,
/// the item is written and only the wait is abandoned.</item>
/// <item>Shutdown: <see cref="DisposeAsync"/> stops accepting items and commits what was accepted, within
/// <see cref="GroupCommitOptions.DrainTimeout"/>; items still queued after that fail with
/// <see cref="ObjectDisposedException"/>, never left waiting.</item>
/// </list>
/// </summary>
/// <typeparam name="TItem">What a caller queues.</typeparam>
/// <typeparam name="TResult">What the commit returns for each item.</typeparam>
public sealed class GroupCommitQueue<TItem, TResult> : IAsyncDisposable
{
    private readonly GroupCommitOptions _options;
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _commit;
    private readonly Func<TItem, int> _weight;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Entry> _queue;
    private readonly Lazy<Task> _loop;
    private readonly CancellationTokenSource _abandon = new();

    /// <param name="options">Capacity, batch limit, drain bound and name.</param>
    /// <param name="commit">Writes a batch in one transaction and returns one result per item, in order.</param>
    /// <param name="time">Measures queue waits.</param>
    /// <param name="logger">Logs failed batches (never item contents).</param>
    /// <param name="weight">An item's share of <see cref="GroupCommitOptions.MaxBatchWeight"/>; 1 if not given.</param>
    public GroupCommitQueue(
        GroupCommitOptions options, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> commit, TimeProvider time, ILogger logger,
        Func<TItem, int>? weight = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchWeight, 1);
        _options = options;
        _commit = commit;
        _time = time;
        _logger = logger;
        _weight = weight ?? (_ => 1);
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(options.Capacity)
        {
            // Not single-reader: a shutdown that gives up drains what is left beside the loop.
            SingleReader = false, FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = new Lazy<Task>(StartLoop);
    }

    /// <summary>Called after each successful commit with the batch and its results (e.g. metrics, a checkpoint). Must not throw.</summary>
    public Action<IReadOnlyList<TItem>, IReadOnlyList<TResult>>? Committed { get; init; }

    /// <summary>Called for each committed item with its time from queueing to commit (e.g. a histogram).</summary>
    public Action<TimeSpan>? Waited { get; init; }

    /// <summary>Queues <paramref name="item"/> and completes with its result once the batch holding it committed.</summary>
    /// <exception cref="ObjectDisposedException">The queue is shutting down.</exception>
    public async Task<TResult> EnqueueAsync(TItem item, CancellationToken ct)
    {
        _ = _loop.Value;
        var entry = new Entry(item, _time.GetTimestamp(), ct, Activity.Current?.Context ?? default);
        try
        {
            await _queue.Writer.WriteAsync(entry, ct);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(_options.Name, "The group-commit queue is shutting down.");
        }

        return await entry.Done.Task.WaitAsync(ct);
    }

    private Task StartLoop()
    {
        // The loop outlives the request that happened to start it: it must not carry that request's HttpContext,
        // Activity or other async-local state into every later batch.
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<Entry>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            var weight = 0;
            while (_queue.Reader.TryPeek(out var next)
                   && (batch.Count == 0 || weight + _weight(next.Item) <= _options.MaxBatchWeight)
                   && _queue.Reader.TryRead(out next))
            {
                if (next.Cancellation.IsCancellationRequested)
                {
                    next.Done.TrySetCanceled(next.Cancellation);
                    continue;
                }

                batch.Add(next);
                weight += _weight(next.Item);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            if (_abandon.IsCancellationRequested)
            {
                batch.ForEach(e => e.Done.TrySetException(new ObjectDisposedException(_options.Name, "The group-commit queue shut down before this item was committed.")));
                continue;
            }

            await CommitAsync(batch);
        }
    }

    private async Task CommitAsync(List<Entry> batch)
    {
        try
        {
            using var span = StartSpan(batch);
            var items = batch.ConvertAll(e => e.Item);
            var results = await _commit(items);
            if (results.Count != items.Count)
            {
                throw new InvalidOperationException($"The commit of '{_options.Name}' returned {results.Count} results for {items.Count} items.");
            }

            Notify(items, results);
            if (Waited is { } waited)
            {
                batch.ForEach(e => waited(_time.GetElapsedTime(e.QueuedAt)));
            }

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            // One item must not fail its neighbours: commit each alone, so only the one at fault fails.
            _logger.LogWarning(ex, "A group commit of {Items} items on {Queue} failed; committing them one by one", batch.Count, _options.Name);
            foreach (var entry in batch)
            {
                await CommitAsync([entry]);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A commit on {Queue} failed", _options.Name);
            batch[0].Done.TrySetException(ex);
        }
    }

    // The shared transaction's span belongs to the first caller's trace and links every caller's, so each request's
    // trace reaches the commit that made it durable. Tags: the queue's fixed name and the batch size only.
    private Activity? StartSpan(List<Entry> batch)
    {
        var links = batch.Where(e => e.Trace != default).Select(e => new ActivityLink(e.Trace));
        var span = DataTelemetry.Source.StartActivity($"group_commit {_options.Name}", ActivityKind.Internal, batch[0].Trace, links: links);
        span?.SetTag("cp.group_commit.items", batch.Count);
        return span;
    }

    private void Notify(List<TItem> items, IReadOnlyList<TResult> results)
    {
        try
        {
            Committed?.Invoke(items, results);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "A commit listener of {Queue} failed", _options.Name);
        }
    }

    /// <summary>Stops accepting items, then commits what was accepted within the drain bound; fails the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_loop.IsValueCreated)
        {
            try
            {
                // The host disposes this after Kestrel stopped taking requests, so the queue only shrinks.
                await _loop.Value.WaitAsync(_options.DrainTimeout);
            }
            catch (TimeoutException)
            {
                _logger.LogError("The group-commit queue {Queue} did not drain within {Bound}; failing the items still queued", _options.Name, _options.DrainTimeout);
                await _abandon.CancelAsync();
                while (_queue.Reader.TryRead(out var left))
                {
                    left.Done.TrySetException(new ObjectDisposedException(_options.Name, "The group-commit queue shut down before this item was committed."));
                }
            }
        }

        _abandon.Dispose();
    }

    private sealed class Entry(TItem item, long queuedAt, CancellationToken cancellation, ActivityContext trace)
    {
        public ActivityContext Trace { get; } = trace;
        public TItem Item { get; } = item;
        public long QueuedAt { get; } = queuedAt;
        public CancellationToken Cancellation { get; } = cancellation;
        public TaskCompletionSource<TResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
