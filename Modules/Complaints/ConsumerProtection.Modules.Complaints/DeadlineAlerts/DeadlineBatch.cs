using ConsumerProtection.Modules.Complaints.Contracts;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.DeadlineAlerts;

/// <summary>One open complaint as the deadline job sees it; <see cref="Raised"/> is a bit set of alerts already raised.</summary>
internal sealed class OpenComplaint
{
    public Guid Id { get; set; }
    public string Reference { get; set; } = "";
    public string BranchId { get; set; } = "";
    public string? DepartmentId { get; set; }
    public string? HandlerId { get; set; }
    public string DueState { get; set; } = "";
    public DateTimeOffset InternalDueAt { get; set; }
    public DateTimeOffset RegulatoryDueAt { get; set; }
    public long Raised { get; set; }
}

/// <summary>The writes one page needs: due states that changed and alerts not raised before.</summary>
internal sealed record DeadlineWork(IReadOnlyList<(OpenComplaint Row, DueState State)> StateChanges, IReadOnlyList<ComplaintDeadlineAlert> Alerts)
{
    public bool IsEmpty => StateChanges.Count == 0 && Alerts.Count == 0;
}

/// <summary>Reads, judges and writes one page of open complaints at one instant.</summary>
internal sealed class DeadlineBatch(IModuleDb db, IAuditWriter audit, CalendarRules rules, DateTimeOffset now, int dueSoonWorkingDays)
{
    // The bits of OpenComplaint.Raised: (Internal, DueSoon) 1, (Internal, Overdue) 2, (Regulatory, DueSoon) 4, (Regulatory, Overdue) 8.
    public const string SelectPage = """
        SELECT c.id, c.reference, c.branch_id, c.department_id, c.handler_id, c.due_state, c.internal_due_at, c.regulatory_due_at,
            (SELECT COALESCE(SUM(CASE WHEN a.clock = 'Internal' AND a.state = 'DueSoon' THEN 1 WHEN a.clock = 'Internal' THEN 2
                                      WHEN a.state = 'DueSoon' THEN 4 ELSE 8 END), 0)
             FROM [complaints].[deadline_alert] a WHERE a.complaint_id = c.id) AS raised
        FROM [complaints].[complaint] c
        WHERE c.status = @Status AND c.id > @After
        ORDER BY c.id
        """;

    // The stored due state is part of the complaint's representation, so a change bumps the version (and the ETag).
    // It changes at most twice on each clock (due soon, overdue), never on every tick.
    public const string UpdateState = """
        UPDATE [complaints].[complaint] SET due_state = @State, version = version + 1
        WHERE id = @Id AND due_state = @Old AND status IN ('Received', 'Assigned', 'InProgress', 'Reopened', 'Referred')
        """;

    // The key (complaint, clock, state) makes the alert once; NOT EXISTS keeps a racing second runner from failing.
    public const string InsertAlert = """
        INSERT INTO [complaints].[deadline_alert] (complaint_id, clock, state, raised_at)
        SELECT @ComplaintId, @Clock, @State, @RaisedAt
        WHERE NOT EXISTS (SELECT 1 FROM [complaints].[deadline_alert] WHERE complaint_id = @ComplaintId AND clock = @Clock AND state = @State)
        """;

    private static readonly Caller Actor = Caller.System("complaints-deadlines");

    public async Task<IReadOnlyList<OpenComplaint>> ReadAsync(ComplaintStatus status, Guid after, int limit, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<OpenComplaint>(new CommandDefinition(SelectPage + " " + db.Dialect.Page,
            new { Status = status.ToString(), After = after, Offset = 0, Limit = limit }, cancellationToken: ct)), ct)).AsList();

    public DeadlineWork Plan(IReadOnlyList<OpenComplaint> page)
    {
        var changes = new List<(OpenComplaint, DueState)>();
        var alerts = new List<ComplaintDeadlineAlert>();
        foreach (var row in page)
        {
            var internalState = Deadlines.StateOf(rules, now, row.InternalDueAt, dueSoonWorkingDays);
            var regulatoryState = Deadlines.StateOf(rules, now, row.RegulatoryDueAt, dueSoonWorkingDays);
            var state = Deadlines.Worse(internalState, regulatoryState);
            if (state.ToString() != row.DueState)
            {
                changes.Add((row, state));
            }

            Alert(row, DeadlineClock.Internal, internalState, row.InternalDueAt, alerts);
            Alert(row, DeadlineClock.Regulatory, regulatoryState, row.RegulatoryDueAt, alerts);
        }

        return new DeadlineWork(changes, alerts);
    }

    /// <summary>Writes the page's changes in one transaction; returns the alerts this run raised.</summary>
    public Task<IReadOnlyList<ComplaintDeadlineAlert>> WriteAsync(DeadlineWork work, CancellationToken ct) =>
        db.InTransactionAsync<IReadOnlyList<ComplaintDeadlineAlert>>(async (c, tx) =>
        {
            foreach (var (row, state) in work.StateChanges)
            {
                await c.ExecuteAsync(new CommandDefinition(UpdateState, new { row.Id, State = state.ToString(), Old = row.DueState }, tx, cancellationToken: ct));
            }

            var raised = new List<ComplaintDeadlineAlert>();
            foreach (var alert in work.Alerts)
            {
                var args = new { alert.ComplaintId, Clock = alert.Clock.ToString(), State = alert.State.ToString(), alert.RaisedAt };
                if (await c.ExecuteAsync(new CommandDefinition(InsertAlert, args, tx, cancellationToken: ct)) == 1)
                {
                    await audit.AppendAsync(db, c, tx, new AuditEntry("complaint.deadline-alert", "complaint", alert.ComplaintId.ToString(), null,
                        new { alert.Reference, Clock = args.Clock, State = args.State, alert.DueAt }), Actor, ct);
                    // In the alert's own transaction: other modules hear of it only once it is committed (ADR 0006).
                    await IntegrationEvents.PublishAsync(db, c, tx, alert, ct);
                    raised.Add(alert);
                }
            }

            return raised;
        }, ct);

    private void Alert(OpenComplaint row, DeadlineClock clock, DueState state, DateTimeOffset dueAt, List<ComplaintDeadlineAlert> alerts)
    {
        if (state == DueState.OnTrack)
        {
            return;
        }

        var alertState = state == DueState.DueSoon ? DeadlineAlertState.DueSoon : DeadlineAlertState.Overdue;
        var bit = 1L << ((clock == DeadlineClock.Internal ? 0 : 2) + (alertState == DeadlineAlertState.DueSoon ? 0 : 1));
        if ((row.Raised & bit) == 0)
        {
            alerts.Add(new ComplaintDeadlineAlert(
                row.Id, row.Reference, row.BranchId, row.DepartmentId, row.HandlerId, clock, alertState, dueAt, now, Guid.CreateVersion7(now)));
        }
    }
}
