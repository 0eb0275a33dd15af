namespace ConsumerProtection.Modules.Complaints.Contracts;

/// <summary>
/// In-process integration events from the Complaints module. Another module implements this and registers it
/// as a singleton <c>IComplaintEventSink</c>; every registered sink is called after the change is committed.
/// A sink that throws is logged and skipped: it never undoes or blocks the complaint's own work, so a reaction
/// that must survive a crash belongs in the reacting module's outbox.
/// </summary>
public interface IComplaintEventSink
{
    /// <summary>A complaint became due soon or overdue on one clock.</summary>
    Task OnDeadlineAlertAsync(ComplaintDeadlineAlert alert, CancellationToken ct);
}
