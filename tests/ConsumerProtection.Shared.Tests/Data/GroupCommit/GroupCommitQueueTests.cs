using System.Diagnostics;
using ConsumerProtection.Shared.Data.GroupCommit;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConsumerProtection.Shared.Tests.Data.GroupCommit;

public sealed class GroupCommitQueueTests
{
    // A commit that records every batch and can be held open, so the tests decide what queues up behind it.
    private sealed class FakeStore
    {
        public List<IReadOnlyList<int>> Batches { get; } = [];
        public List<int> Stored { get; } = [];
        public TaskCompletionSource Gate { get; set; } = Released();
        public TaskCompletionSource FirstEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Func<int, bool> Bad { get; init; } = _ => false;

        public async Task<IReadOnlyList<string>> CommitAsync(IReadOnlyList<int> items)
        {
            FirstEntered.TrySetResult();
            await Gate.Task;
            lock (Batches)
            {
                Batches.Add([.. items]);
                if (items.Any(Bad))
                {
                    // All or nothing, like a rolled-back transaction.
                    throw new InvalidOperationException("bad item");
                }

                Stored.AddRange(items);
            }

            return [.. items.Select(i => "r" + i)];
        }

        public static TaskCompletionSource Released()
        {
            var t = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            t.SetResult();
            return t;
        }
    }

    private static GroupCommitQueue<int, string> Queue(FakeStore store, int maxBatch = 100, TimeSpan? drain = null, Func<int, int>? weight = null) =>
        new(new GroupCommitOptions { Name = "test", MaxBatchWeight = maxBatch, DrainTimeout = drain ?? TimeSpan.FromSeconds(30) },
            store.CommitAsync, TimeProvider.System, NullLogger.Instance, weight);

    // Holds the loop inside a first commit of item 0, so whatever is queued next forms one batch.
    private static async Task<Task<string>> HoldFirstAsync(GroupCommitQueue<int, string> queue, FakeStore store)
    {
        store.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = queue.EnqueueAsync(0, CancellationToken.None);
        await store.FirstEntered.Task;
        return first;
    }

    [Test]
    public async Task EnqueueAsync_ConcurrentItems_CommittedTogetherInQueueOrderWithTheirOwnResults()
    {
        var store = new FakeStore();
        await using var queue = Queue(store);
        var first = await HoldFirstAsync(queue, store);
        var waiting = Enumerable.Range(1, 20).Select(i => queue.EnqueueAsync(i, CancellationToken.None)).ToList();

        Assert.That(waiting.Any(t => t.IsCompleted), Is.False, "no waiter may complete before its commit");
        store.Gate.SetResult();
        var results = await Task.WhenAll(waiting);

        Assert.That(await first, Is.EqualTo("r0"));
        Assert.That(results, Is.EqualTo(Enumerable.Range(1, 20).Select(i => "r" + i)));
        Assert.That(store.Batches, Has.Count.EqualTo(2));
        Assert.That(store.Batches[1], Is.EqualTo(Enumerable.Range(1, 20)));
    }

    [Test]
    public async Task EnqueueAsync_MoreThanTheBatchWeight_SplitsWithoutExceedingIt()
    {
        var store = new FakeStore();
        await using var queue = Queue(store, maxBatch: 10, weight: i => i == 0 ? 1 : 3);
        var first = await HoldFirstAsync(queue, store);
        var waiting = Enumerable.Range(1, 7).Select(i => queue.EnqueueAsync(i, CancellationToken.None)).ToList();
        store.Gate.SetResult();
        await Task.WhenAll(waiting.Append(first));

        // Weight 3 each under a limit of 10: batches of 3, 3 and 1, in order.
        Assert.That(store.Batches.Skip(1).Select(b => b.Count), Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(store.Stored, Is.EqualTo(Enumerable.Range(0, 8)));
    }

    [Test]
    public async Task EnqueueAsync_ItemHeavierThanTheLimit_IsCommittedAlone()
    {
        var store = new FakeStore();
        await using var queue = Queue(store, maxBatch: 5, weight: i => i == 2 ? 50 : 1);
        var first = await HoldFirstAsync(queue, store);
        var waiting = new[] { 1, 2, 3 }.Select(i => queue.EnqueueAsync(i, CancellationToken.None)).ToList();
        store.Gate.SetResult();
        await Task.WhenAll(waiting.Append(first));

        Assert.That(store.Batches.Skip(1), Is.EqualTo(new[] { new[] { 1 }, new[] { 2 }, new[] { 3 } }));
    }

    [Test]
    public async Task EnqueueAsync_OneBadItemInABatch_FailsOnlyThatItemAndCommitsTheOthers()
    {
        var store = new FakeStore { Bad = i => i == 3 };
        await using var queue = Queue(store);
        var first = await HoldFirstAsync(queue, store);
        var waiting = Enumerable.Range(1, 5).Select(i => queue.EnqueueAsync(i, CancellationToken.None)).ToList();
        store.Gate.SetResult();
        await first;

        Assert.That(async () => await waiting[2], Throws.InvalidOperationException.With.Message.EqualTo("bad item"));
        foreach (var i in new[] { 0, 1, 3, 4 })
        {
            Assert.That(await waiting[i], Is.EqualTo("r" + (i + 1)));
        }

        Assert.That(store.Stored, Is.EqualTo(new[] { 0, 1, 2, 4, 5 }));
    }

    [Test]
    public async Task EnqueueAsync_CommitReturnsTooFewResults_FailsTheWaiter()
    {
        await using var queue = new GroupCommitQueue<int, string>(
            new GroupCommitOptions { Name = "short" }, _ => Task.FromResult<IReadOnlyList<string>>([]), TimeProvider.System, NullLogger.Instance);

        Assert.That(async () => await queue.EnqueueAsync(1, CancellationToken.None), Throws.InvalidOperationException);
    }

    [Test]
    public async Task EnqueueAsync_WaiterCancelledBeforeItsItemIsTaken_ItemIsNeverWritten()
    {
        var store = new FakeStore();
        await using var queue = Queue(store);
        var first = await HoldFirstAsync(queue, store);
        using var cts = new CancellationTokenSource();
        var cancelled = queue.EnqueueAsync(1, cts.Token);
        var kept = queue.EnqueueAsync(2, CancellationToken.None);
        await cts.CancelAsync();

        Assert.That(async () => await cancelled, Throws.InstanceOf<OperationCanceledException>());
        store.Gate.SetResult();
        Assert.That(await kept, Is.EqualTo("r2"));
        await first;
        Assert.That(store.Stored, Is.EqualTo(new[] { 0, 2 }));
    }

    [Test]
    public async Task DisposeAsync_ItemsQueued_CommitsThemAllBeforeReturning()
    {
        var store = new FakeStore();
        var queue = Queue(store);
        var first = await HoldFirstAsync(queue, store);
        var waiting = Enumerable.Range(1, 10).Select(i => queue.EnqueueAsync(i, CancellationToken.None)).ToList();

        var disposing = queue.DisposeAsync().AsTask();
        store.Gate.SetResult();
        await disposing;

        Assert.That(store.Stored, Is.EqualTo(Enumerable.Range(0, 11)));
        Assert.That(await Task.WhenAll(waiting.Append(first)), Has.Length.EqualTo(11));
    }

    [Test]
    public async Task EnqueueAsync_AfterDispose_Throws()
    {
        var queue = Queue(new FakeStore());
        await queue.EnqueueAsync(1, CancellationToken.None);
        await queue.DisposeAsync();

        Assert.That(async () => await queue.EnqueueAsync(2, CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task DisposeAsync_CommitStuckPastTheDrainBound_FailsTheQueuedWaitersInsteadOfLeavingThemWaiting()
    {
        var store = new FakeStore();
        var queue = Queue(store, drain: TimeSpan.FromMilliseconds(50));
        var first = await HoldFirstAsync(queue, store);
        var waiting = Enumerable.Range(1, 3).Select(i => queue.EnqueueAsync(i, CancellationToken.None)).ToList();

        await queue.DisposeAsync();

        foreach (var w in waiting)
        {
            Assert.That(async () => await w, Throws.InstanceOf<ObjectDisposedException>());
        }

        store.Gate.SetResult();
        Assert.That(await first, Is.EqualTo("r0"), "the batch already being committed still completes");
        Assert.That(store.Stored, Is.EqualTo(new[] { 0 }));
    }

    private static readonly AsyncLocal<string?> Ambient = new();

    [Test]
    public async Task EnqueueAsync_CallerAsyncLocalState_DoesNotFlowIntoTheCommitLoop()
    {
        string? seen = "unset";
        await using var queue = new GroupCommitQueue<int, string>(new GroupCommitOptions { Name = "flow" }, items =>
        {
            seen = Ambient.Value;
            return Task.FromResult<IReadOnlyList<string>>([.. items.Select(i => "r" + i)]);
        }, TimeProvider.System, NullLogger.Instance);

        Ambient.Value = "first caller";
        await queue.EnqueueAsync(1, CancellationToken.None);

        Assert.That(seen, Is.Null);
    }

    [Test]
    public async Task Hooks_AfterACommit_SeeTheBatchAndEachWait()
    {
        var batches = new List<(int Items, int Results)>();
        var waits = new List<TimeSpan>();
        var store = new FakeStore();
        await using var queue = new GroupCommitQueue<int, string>(new GroupCommitOptions { Name = "hooks" }, store.CommitAsync, TimeProvider.System, NullLogger.Instance)
        {
            Committed = (items, results) => batches.Add((items.Count, results.Count)),
            Waited = waits.Add,
        };

        await queue.EnqueueAsync(1, CancellationToken.None);

        Assert.That(batches, Is.EqualTo(new[] { (1, 1) }));
        Assert.That(waits, Has.Count.EqualTo(1));
        Assert.That(waits[0], Is.GreaterThanOrEqualTo(TimeSpan.Zero));
    }

    [Test]
    public async Task EnqueueAsync_CallerInATrace_TheCommitRunsInThatTrace()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "test.caller" or "ConsumerProtection.Data",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test.caller");
        ActivityTraceId? seen = null;
        await using var queue = new GroupCommitQueue<int, string>(new GroupCommitOptions { Name = "trace" }, items =>
        {
            seen = Activity.Current?.TraceId;
            return Task.FromResult<IReadOnlyList<string>>([.. items.Select(i => "r" + i)]);
        }, TimeProvider.System, NullLogger.Instance);

        using var request = source.StartActivity("request")!;
        await queue.EnqueueAsync(1, CancellationToken.None);

        Assert.That(seen, Is.EqualTo(request.TraceId));
    }
}
