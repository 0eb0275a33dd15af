using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Contracts;
using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using ConsumerProtection.Shared.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.DeadlineAlerts;

/// <summary>
/// Other modules hear about deadline alerts as <see cref="ComplaintDeadlineAlert"/> integration events through the
/// complaints outbox (ADR 0006): only once the alerts are committed, once each; a failing handler changes nothing.
/// </summary>
public sealed class DeadlineEventTests
{
    private sealed class Recording : IIntegrationEventHandler<ComplaintDeadlineAlert>
    {
        public List<ComplaintDeadlineAlert> Alerts { get; } = [];

        public Task HandleAsync(ComplaintDeadlineAlert integrationEvent, CancellationToken ct)
        {
            Alerts.Add(integrationEvent);
            return Task.CompletedTask;
        }
    }

    private sealed class Throwing : IIntegrationEventHandler<ComplaintDeadlineAlert>
    {
        public Task HandleAsync(ComplaintDeadlineAlert integrationEvent, CancellationToken ct) =>
            throw new InvalidOperationException("the other module is broken");
    }

    [Test]
    public async Task RunOnce_AlertsReachHandlersThroughTheOutbox_AFailingHandlerDoesNotStopTheOthers()
    {
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var time = new FakeTimeProvider(received.AddMinutes(1));
        var recording = new Recording();
        using var factory = new ApiFactory(time: time, services: s => s
            .AddIntegrationEventHandler<ComplaintDeadlineAlert, Throwing>()
            .AddSingleton(recording).AddIntegrationEventHandler<ComplaintDeadlineAlert, Recording>());
        using var admin = factory.Admin();
        var id = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(received))).GetProperty("id").GetGuid();
        var job = factory.Services.GetRequiredService<DeadlineJob>();
        var dispatcher = factory.Services.GetRequiredService<IntegrationEventDispatcher>();
        time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 10, 0, 0, TimeSpan.FromHours(8)));

        var first = await job.RunOnceAsync(CancellationToken.None);
        var heardBeforeDispatch = recording.Alerts.Count;
        var delivered = await dispatcher.DispatchAllAsync(CancellationToken.None);
        var second = await job.RunOnceAsync(CancellationToken.None);
        var redelivered = await dispatcher.DispatchAllAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.AlertsRaised, Is.EqualTo(2), "both clocks overdue; due-soon was never seen, so not raised late");
            Assert.That(second.AlertsRaised, Is.Zero);
            Assert.That(heardBeforeDispatch, Is.Zero, "handlers hear of alerts from the outbox, not from the job");
            Assert.That(delivered, Is.EqualTo(new DispatchRun(2, 1, 0)), "the throwing handler fails on the first and waits its turn");
            Assert.That(redelivered, Is.EqualTo(new DispatchRun(0, 0, 0)), "nothing twice, nothing retried before its backoff");
            Assert.That(recording.Alerts.Select(a => (a.ComplaintId, a.Clock, a.State)), Is.EqualTo(new[]
            {
                (id, DeadlineClock.Internal, DeadlineAlertState.Overdue), (id, DeadlineClock.Regulatory, DeadlineAlertState.Overdue),
            }), "in the order they were raised");
            Assert.That(recording.Alerts.Select(a => a.Reference), Has.All.StartsWith("CP-20260302-"));
            Assert.That(recording.Alerts.Select(a => a.EventId).Distinct().Count(), Is.EqualTo(2));
            Assert.That(recording.Alerts.Single(a => a.Clock == DeadlineClock.Internal).DueAt,
                Is.EqualTo(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(8))));
        });
    }
}
