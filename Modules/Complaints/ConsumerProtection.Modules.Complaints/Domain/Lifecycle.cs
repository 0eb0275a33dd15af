namespace ConsumerProtection.Modules.Complaints.Domain;

/// <summary>Which action may be taken in which state. One table, so the API can name the allowed actions.</summary>
internal static class Lifecycle
{
    private static readonly ComplaintStatus[] Open =
        [ComplaintStatus.Received, ComplaintStatus.Assigned, ComplaintStatus.InProgress, ComplaintStatus.Reopened, ComplaintStatus.Referred];

    private static readonly Dictionary<ComplaintAction, ComplaintStatus[]> From = new()
    {
        [ComplaintAction.Assign] = [ComplaintStatus.Received, ComplaintStatus.Assigned, ComplaintStatus.InProgress, ComplaintStatus.Reopened],
        [ComplaintAction.Start] = [ComplaintStatus.Assigned, ComplaintStatus.Reopened],
        [ComplaintAction.Respond] = [ComplaintStatus.InProgress],
        [ComplaintAction.FollowUp] = [ComplaintStatus.Responded],
        [ComplaintAction.Close] = [ComplaintStatus.FollowedUp],
        [ComplaintAction.Reopen] = [ComplaintStatus.Responded, ComplaintStatus.FollowedUp, ComplaintStatus.Closed],
        [ComplaintAction.Withdraw] = [.. Open, ComplaintStatus.Responded, ComplaintStatus.FollowedUp],
        [ComplaintAction.Escalate] = Open,
        [ComplaintAction.Refer] = [ComplaintStatus.InProgress, ComplaintStatus.Responded, ComplaintStatus.FollowedUp, ComplaintStatus.Reopened],
        [ComplaintAction.RecordReferralOutcome] = [ComplaintStatus.Referred],
        [ComplaintAction.ExtendInternal] = Open,
        [ComplaintAction.ExtendRegulatory] = Open,
    };

    private static readonly Dictionary<ComplaintAction, ComplaintStatus?> To = new()
    {
        [ComplaintAction.Assign] = ComplaintStatus.Assigned,
        [ComplaintAction.Start] = ComplaintStatus.InProgress,
        [ComplaintAction.Respond] = ComplaintStatus.Responded,
        [ComplaintAction.FollowUp] = ComplaintStatus.FollowedUp,
        [ComplaintAction.Close] = ComplaintStatus.Closed,
        [ComplaintAction.Reopen] = ComplaintStatus.Reopened,
        [ComplaintAction.Withdraw] = ComplaintStatus.Withdrawn,
        [ComplaintAction.Escalate] = null,
        [ComplaintAction.Refer] = ComplaintStatus.Referred,
        [ComplaintAction.RecordReferralOutcome] = ComplaintStatus.Responded,
        [ComplaintAction.ExtendInternal] = null,
        [ComplaintAction.ExtendRegulatory] = null,
    };

    /// <summary>The states in which the deadline clocks run.</summary>
    public static IReadOnlyList<ComplaintStatus> OpenStates => Open;

    public static bool IsOpen(ComplaintStatus status) => Open.Contains(status);

    public static bool IsFinal(ComplaintStatus status) => status is ComplaintStatus.Closed or ComplaintStatus.Withdrawn;

    public static bool Allows(ComplaintStatus status, ComplaintAction action) => From[action].Contains(status);

    /// <summary>The state after <paramref name="action"/>; unchanged for overlay actions (escalate, extend).</summary>
    public static ComplaintStatus Next(ComplaintStatus status, ComplaintAction action) => To[action] ?? status;

    public static IReadOnlyList<ComplaintAction> AllowedActions(ComplaintStatus status) =>
        From.Where(kv => kv.Value.Contains(status)).Select(kv => kv.Key).Order().ToList();
}
