using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Events;

namespace ConsumerProtection.Shared.Tests.Events;

internal sealed record ProbeEvent(Guid EventId, DateTimeOffset OccurredAt, string Text) : IIntegrationEvent
{
    public static string TypeName => "tests.probe";

    public static int Version => 1;
}

internal sealed class Recording : IIntegrationEventHandler<ProbeEvent>
{
    public List<ProbeEvent> Received { get; } = [];

    public IEnumerable<string> Texts => Received.Select(e => e.Text);

    public Task HandleAsync(ProbeEvent integrationEvent, CancellationToken ct)
    {
        Received.Add(integrationEvent);
        return Task.CompletedTask;
    }
}

/// <summary>Throws on the event with <c>failuresOn</c> text the first <c>failures</c> times, records the rest.</summary>
internal sealed class Flaky(string failuresOn, int failures) : IIntegrationEventHandler<ProbeEvent>
{
    private int _failed;

    public List<string> Texts { get; } = [];

    public Task HandleAsync(ProbeEvent integrationEvent, CancellationToken ct)
    {
        if (integrationEvent.Text == failuresOn && _failed++ < failures)
        {
            throw new InvalidOperationException("the receiving module is down");
        }

        Texts.Add(integrationEvent.Text);
        return Task.CompletedTask;
    }
}

/// <summary>Applies each event once through the inbox, then (first call only) stops the host before the delivery is marked.</summary>
internal sealed class InboxHandler(IModuleDb db, TimeProvider time, CancellationTokenSource stop) : IIntegrationEventHandler<ProbeEvent>
{
    public int Calls { get; private set; }

    public int Applied { get; private set; }

    public async Task HandleAsync(ProbeEvent integrationEvent, CancellationToken ct)
    {
        Calls++;
        var now = time.GetUtcNow();
        if (await db.InTransactionAsync((c, tx) => IntegrationInbox.TryClaimAsync(db, c, tx, nameof(InboxHandler), integrationEvent.EventId, now, ct), ct))
        {
            Applied++;
        }

        await stop.CancelAsync();
    }
}
