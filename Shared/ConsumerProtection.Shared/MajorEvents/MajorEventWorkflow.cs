using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;

namespace ConsumerProtection.Shared.MajorEvents;

/// <summary>What the office does to a register entry (plan 6 art. 41, ADR 0008).</summary>
internal enum MajorEventAction
{
    /// <summary>Mark an open entry as seen.</summary>
    Acknowledge,

    /// <summary>Record the report upward (from Open or Acknowledged).</summary>
    ReportUpward,
}

/// <summary>The register's workflow as the shared state machine; actions are named as their routes (<c>report-upward</c>).</summary>
internal static class MajorEventWorkflow
{
    public static readonly StateMachine<MajorEventStatus, MajorEventAction> Machine = new("major event",
        new Dictionary<MajorEventStatus, MajorEventAction[]>
        {
            [MajorEventStatus.Open] = [MajorEventAction.Acknowledge, MajorEventAction.ReportUpward],
            [MajorEventStatus.Acknowledged] = [MajorEventAction.ReportUpward],
        },
        new Dictionary<MajorEventAction, MajorEventStatus>
        {
            [MajorEventAction.Acknowledge] = MajorEventStatus.Acknowledged,
            [MajorEventAction.ReportUpward] = MajorEventStatus.Reported,
        },
        actionName: a => a == MajorEventAction.Acknowledge ? "acknowledge" : "report-upward",
        stateWord: "status");

    /// <summary>The entry's stored status (a value outside the enum is a corrupt row and throws).</summary>
    public static MajorEventStatus StatusOf(MajorEventEntry entry) => StrictEnum.FromStored<MajorEventStatus>(entry.Status, "status");
}
