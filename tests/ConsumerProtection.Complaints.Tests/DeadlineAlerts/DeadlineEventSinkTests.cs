using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Contracts;
using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.DeadlineAlerts;

/// <summary>Other modules hear about deadline alerts through IComplaintEventSink, after commit; a failing sink changes nothing.</summary>
public sealed class DeadlineEventSinkTests
{
    private sealed class Recording : IComplaintEventSink
    {
        public List<ComplaintDeadlineAlert> Alerts { get; } = [];

        public Task OnDeadlineAlertAsync(ComplaintDeadlineAlert alert, CancellationToken ct)
        {
            Alerts.Add(alert);
            return Task.CompletedTask;
        }
    }

    private sealed class Throwing : IComplaintEventSink
    {
        public Task OnDeadlineAlertAsync(ComplaintDeadlineAlert alert, CancellationToken ct) =>
            throw new InvalidOperationException("the other module is broken");
    }

    [Test]
    public async Task RunOnce_SinkThrows_OtherSinksStillHearEveryAlert_AndTheAlertsStay()
    {
        var received = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
        var time = new FakeTimeProvider(received.AddMinutes(1));
        using var factory = new ApiFactory(time: time);
        using var admin = factory.Admin();
        var id = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(received))).GetProperty("id").GetGuid();
        var recording = new Recording();
        IEnumerable<IComplaintEventSink> sinks = [new Throwing(), recording];
        var job = ActivatorUtilities.CreateInstance<DeadlineJob>(factory.Services, sinks);
        time.SetUtcNow(new DateTimeOffset(2026, 3, 18, 10, 0, 0, TimeSpan.FromHours(8)));

        var first = await job.RunOnceAsync(CancellationToken.None);
        var second = await job.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(first.AlertsRaised, Is.EqualTo(2), "both clocks overdue; due-soon was never seen, so not raised late");
            Assert.That(second.AlertsRaised, Is.Zero);
            Assert.That(recording.Alerts.Select(a => (a.ComplaintId, a.Clock, a.State)), Is.EquivalentTo(new[]
            {
                (id, DeadlineClock.Internal, DeadlineAlertState.Overdue), (id, DeadlineClock.Regulatory, DeadlineAlertState.Overdue),
            }));
            Assert.That(recording.Alerts.Select(a => a.Reference), Has.All.StartsWith("CP-20260302-"));
            Assert.That(recording.Alerts.Single(a => a.Clock == DeadlineClock.Internal).DueAt,
                Is.EqualTo(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(8))));
        });
    }
}
