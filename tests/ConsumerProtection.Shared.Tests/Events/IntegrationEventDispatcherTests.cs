using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Kernel;
using ConsumerProtection.Shared.Operations;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Tests.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Shared.Tests.Events;

/// <summary>
/// The outbox and its dispatcher (ADR 0006): delivered only after the sending transaction commits, at least once,
/// in order per sender and handler, a failing handler retried with doubling backoff without holding up the others.
/// </summary>
internal sealed class IntegrationEventDispatcherTests : KernelDbFixture
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task Dispatch_RolledBackPublish_NeverDelivered_CommittedOnesOnce()
    {
        var recording = new Recording();
        using var services = Services(recording);
        var dispatcher = services.GetRequiredService<IntegrationEventDispatcher>();
        var kept = await PublishAsync("kept");
        await Assert.ThatAsync(() => Kernel.Db.InTransactionAsync<int>(async (c, tx) =>
        {
            await IntegrationEvents.PublishAsync(Kernel.Db, c, tx, Probe("rolled back"), CancellationToken.None);
            throw new InvalidOperationException("the sending change fails after publishing");
        }, CancellationToken.None), Throws.InvalidOperationException);

        var first = await dispatcher.DispatchAllAsync(CancellationToken.None);
        var second = await dispatcher.DispatchAllAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(recording.Texts, Is.EqualTo(new[] { "kept" }));
            Assert.That(recording.Received.Single().EventId, Is.EqualTo(kept.EventId));
            Assert.That(recording.Received.Single().OccurredAt, Is.EqualTo(kept.OccurredAt));
            Assert.That(first, Is.EqualTo(new DispatchRun(1, 0, 1)));
            Assert.That(second, Is.EqualTo(new DispatchRun(0, 0, 0)), "a dispatched row is not delivered again");
        });
    }

    [Test]
    public async Task Dispatch_CrashBetweenDeliverAndMark_RedeliversAndTheInboxAppliesOnce()
    {
        using var stop = new CancellationTokenSource();
        var inboxed = new InboxHandler(Kernel.Db, _time, stop);
        using var services = Services(inboxed);
        var dispatcher = services.GetRequiredService<IntegrationEventDispatcher>();
        await PublishAsync("once");

        // The handler commits its effect, then the host stops before the delivery is recorded.
        Assert.That(async () => await dispatcher.DispatchAllAsync(stop.Token), Throws.InstanceOf<OperationCanceledException>());
        var again = await dispatcher.DispatchAllAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(inboxed.Calls, Is.EqualTo(2), "delivered again after the crash");
            Assert.That(inboxed.Applied, Is.EqualTo(1), "the inbox claim made the second delivery a no-op");
            Assert.That(again, Is.EqualTo(new DispatchRun(1, 0, 1)));
            Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM integration_inbox"), Is.EqualTo(1L));
        });
    }

    [Test]
    public async Task Dispatch_FailingHandler_RetriedWithDoublingBackoff_InOrder_OthersUnblocked()
    {
        var healthy = new Recording();
        var flaky = new Flaky(failuresOn: "2", failures: 2);
        using var services = Services(healthy, flaky);
        var dispatcher = services.GetRequiredService<IntegrationEventDispatcher>();
        foreach (var text in new[] { "1", "2", "3", "4" })
        {
            await PublishAsync(text);
        }

        var first = await dispatcher.DispatchAllAsync(CancellationToken.None);
        var stillWaiting = await dispatcher.DispatchAllAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        var firstRetry = await dispatcher.DispatchAllAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(9));
        var beforeSecondDelay = await dispatcher.DispatchAllAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var secondRetry = await dispatcher.DispatchAllAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(healthy.Texts, Is.EqualTo(new[] { "1", "2", "3", "4" }), "the healthy handler is not held up");
            Assert.That(first, Is.EqualTo(new DispatchRun(5, 1, 1)), "flaky gets 1, fails on 2 and waits; only 1 is dispatched");
            Assert.That(stillWaiting, Is.EqualTo(new DispatchRun(0, 0, 0)), "no retry before the first delay (5 s)");
            Assert.That(firstRetry, Is.EqualTo(new DispatchRun(0, 1, 0)), "retried after 5 s, fails again");
            Assert.That(beforeSecondDelay, Is.EqualTo(new DispatchRun(0, 0, 0)), "the second delay is 10 s");
            Assert.That(secondRetry, Is.EqualTo(new DispatchRun(3, 0, 3)));
            Assert.That(flaky.Texts, Is.EqualTo(new[] { "1", "2", "3", "4" }), "order per sender kept through the retries");
            var flakyOnTwo = $"FROM integration_delivery WHERE handler = '{typeof(Flaky).FullName}' AND event_seq = 2";
            Assert.That(Kernel.ScalarRaw("SELECT attempts " + flakyOnTwo), Is.EqualTo(3L), "three attempts");
            Assert.That(Kernel.ScalarRaw("SELECT last_error " + flakyOnTwo), Is.EqualTo(DBNull.Value), "the error cleared by the success");
        });
    }

    [Test]
    public async Task Probe_CountsPendingAndOldest()
    {
        using var services = Services(new Flaky(failuresOn: "a", failures: 100));
        var probe = services.GetServices<IOutboxProbe>().Single(p => p.Name == "kernel.integration_outbox");
        var empty = await probe.ReadAsync(CancellationToken.None);
        var oldest = await PublishAsync("a");
        _time.Advance(TimeSpan.FromMinutes(1));
        await PublishAsync("b");
        await services.GetRequiredService<IntegrationEventDispatcher>().DispatchAllAsync(CancellationToken.None);

        var state = await probe.ReadAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(empty, Is.EqualTo(new OutboxState(0, null)));
            Assert.That(state, Is.EqualTo(new OutboxState(2, oldest.OccurredAt)));
            Assert.That(Kernel.ScalarRaw("SELECT last_error FROM integration_delivery"), Is.EqualTo(nameof(InvalidOperationException)));
        });
    }

    [Test]
    public async Task Retention_OnlyDispatchedRowsExpire_DisposeDeletesRowAndDeliveries_Audited()
    {
        var recording = new Recording();
        using var services = Services(recording);
        var retention = services.GetServices<IRetentionRecordSource>().Single(r => r.RecordType == "kernel-integration-event");
        var dispatched = await PublishAsync("dispatched");
        await services.GetRequiredService<IntegrationEventDispatcher>().DispatchAllAsync(CancellationToken.None);
        var pending = await PublishAsync("pending");
        var later = _time.GetUtcNow().AddYears(3);

        var state = await retention.FindAsync(dispatched.EventId.ToString(), CancellationToken.None);
        var active = await retention.FindAsync(pending.EventId.ToString(), CancellationToken.None);
        var expired = await retention.FindExpiredAsync(later, 10, CancellationToken.None);
        await retention.DisposeAsync(dispatched.EventId.ToString(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(state, Is.EqualTo(new RetentionState(dispatched.EventId.ToString(), _time.GetUtcNow())));
            Assert.That(active, Is.EqualTo(new RetentionState(pending.EventId.ToString(), null)), "an undispatched event is active");
            Assert.That(expired, Is.EqualTo(new[] { dispatched.EventId.ToString() }));
            Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM integration_outbox"), Is.EqualTo(1L));
            Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM integration_delivery"), Is.EqualTo(0L));
            Assert.That(Kernel.ScalarRaw("SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"), Is.EqualTo("kernel-integration-event.disposed"));
        });
    }

    private ServiceProvider Services(params object[] handlers)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<IntegrationEventOptions>();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IJobLease, InProcessJobLease>();
        services.AddSingleton<IAuditActor>(new SystemActor());
        services.AddSingleton<IAuditWriter, AuditWriter>();
        services.AddKeyedSingleton<IModuleDb>(KernelModule.SchemaName, Kernel.Db);
        services.AddIntegrationOutbox(KernelModule.SchemaName);
        services.AddSingleton<IntegrationEventDispatcher>();
        foreach (var handler in handlers)
        {
            switch (handler)
            {
                case Recording r: services.AddSingleton(r).AddIntegrationEventHandler<ProbeEvent, Recording>(); break;
                case Flaky f: services.AddSingleton(f).AddIntegrationEventHandler<ProbeEvent, Flaky>(); break;
                case InboxHandler i: services.AddSingleton(i).AddIntegrationEventHandler<ProbeEvent, InboxHandler>(); break;
                default: throw new ArgumentException("unknown handler", nameof(handlers));
            }
        }

        return services.BuildServiceProvider();
    }

    private ProbeEvent Probe(string text) => new(Guid.CreateVersion7(_time.GetUtcNow()), _time.GetUtcNow(), text);

    private async Task<ProbeEvent> PublishAsync(string text)
    {
        var probe = Probe(text);
        await Kernel.Db.InTransactionAsync(async (c, tx) =>
        {
            await IntegrationEvents.PublishAsync(Kernel.Db, c, tx, probe, CancellationToken.None);
            return 0;
        }, CancellationToken.None);
        return probe;
    }

    private sealed class SystemActor : IAuditActor
    {
        public Caller Current => Caller.System("integration-events-tests");

        public string? CorrelationId => null;
    }
}
