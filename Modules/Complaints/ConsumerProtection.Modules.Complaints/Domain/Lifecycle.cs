using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.Complaints.Domain;

/// <summary>
/// Which action may be taken in which state, and by whom. One table: the endpoints take their roles from it, the API
/// names the allowed actions from it, and <c>GET /api/v1/complaints/lifecycle</c> (and the README's table) render it.
/// </summary>
internal static class Lifecycle
{
    private static readonly Role[] Workers = [Role.ComplaintHandler, Role.ComplaintSupervisor, Role.Admin];
    private const string OwnCase = "the assigned handler, a supervisor or Admin";

    // Plan 6 (handling responsibility; 督办 by supervisors) and CBIRC Order 2020 No. 3 (extensions approved by leadership).
    private static readonly Dictionary<ComplaintAction, (Role[] Roles, string Rule)> Who = new()
    {
        [ComplaintAction.Assign] = (Workers, "a supervisor or Admin assigns any active handler; a handler takes a case for themselves in their own department; never the staff member complained about"),
        [ComplaintAction.Start] = (Workers, OwnCase),
        [ComplaintAction.Respond] = (Workers, OwnCase),
        [ComplaintAction.FollowUp] = (Workers, OwnCase),
        [ComplaintAction.Close] = (Workers, OwnCase + "; only after the follow-up"),
        [ComplaintAction.Reopen] = (Workers, "anyone who works complaints and sees it, within Complaints:ReopenWindowDays of the answer"),
        [ComplaintAction.Withdraw] = ([Role.Teller, .. Workers], "anyone who sees it (a teller: their own branch)"),
        [ComplaintAction.Escalate] = ([Role.ComplaintSupervisor, Role.Admin], "a supervisor or Admin; an overlay, the state does not change"),
        [ComplaintAction.Refer] = (Workers, OwnCase),
        [ComplaintAction.RecordReferralOutcome] = (Workers, OwnCase),
        [ComplaintAction.ExtendInternal] = ([Role.ComplaintSupervisor], "a supervisor who is not the handler, once (5 to 10 working days)"),
        [ComplaintAction.ExtendRegulatory] = ([Role.ComplaintSupervisor, Role.Admin], "first: a supervisor or Admin (15 to 30 days); second: Admin with the consumer notified (+30)"),
    };

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

    // Escalate and the extensions are overlays: the state does not change.
    private static readonly Dictionary<ComplaintAction, ComplaintStatus> To = new()
    {
        [ComplaintAction.Assign] = ComplaintStatus.Assigned,
        [ComplaintAction.Start] = ComplaintStatus.InProgress,
        [ComplaintAction.Respond] = ComplaintStatus.Responded,
        [ComplaintAction.FollowUp] = ComplaintStatus.FollowedUp,
        [ComplaintAction.Close] = ComplaintStatus.Closed,
        [ComplaintAction.Reopen] = ComplaintStatus.Reopened,
        [ComplaintAction.Withdraw] = ComplaintStatus.Withdrawn,
        [ComplaintAction.Refer] = ComplaintStatus.Referred,
        [ComplaintAction.RecordReferralOutcome] = ComplaintStatus.Responded,
    };

    /// <summary>The table as the shared state machine: the state check and allowedActions of every action.</summary>
    public static readonly StateMachine<ComplaintStatus, ComplaintAction> Machine = StateMachine<ComplaintStatus, ComplaintAction>.FromActions("complaint", From, To);

    /// <summary>The states in which the deadline clocks run.</summary>
    public static IReadOnlyList<ComplaintStatus> OpenStates => Open;

    public static bool IsOpen(ComplaintStatus status) => Open.Contains(status);

    public static bool IsFinal(ComplaintStatus status) => status is ComplaintStatus.Closed or ComplaintStatus.Withdrawn;

    public static bool Allows(ComplaintStatus status, ComplaintAction action) => Machine.Allows(status, action);

    /// <summary>The state after <paramref name="action"/>; unchanged for overlay actions (escalate, extend).</summary>
    public static ComplaintStatus Next(ComplaintStatus status, ComplaintAction action) => Machine.Next(status, action);

    /// <summary>The roles that may call the action's endpoint.</summary>
    public static Role[] RolesFor(ComplaintAction action) => Who[action].Roles;

    /// <summary>Who, within those roles, may take the action.</summary>
    public static string RuleFor(ComplaintAction action) => Who[action].Rule;

    /// <summary>The action's route segment: <c>extend-internal</c>, <c>referral-outcome</c>, …</summary>
    public static string Route(ComplaintAction action) => action == ComplaintAction.RecordReferralOutcome ? "referral-outcome" : Kebab(action.ToString());

    /// <summary>Every (state, action) pair that is allowed, in state then action order.</summary>
    public static IEnumerable<(ComplaintStatus From, ComplaintAction Action, ComplaintStatus To)> Steps() => Machine.Steps();

    internal static string Kebab(string name) =>
        string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    public static IReadOnlyList<ComplaintAction> AllowedActions(ComplaintStatus status) => Machine.AllowedActions(status);
}
