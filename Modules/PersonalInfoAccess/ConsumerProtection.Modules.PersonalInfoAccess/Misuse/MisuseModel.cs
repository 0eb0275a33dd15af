using ConsumerProtection.Shared.Http.Workflow;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>The misuse rules.</summary>
internal enum MisuseRule
{
    /// <summary>One staff member touching more than N distinct customers within the window.</summary>
    DistinctCustomers,

    /// <summary>Access outside working hours or on a non-working day.</summary>
    OffHours,

    /// <summary>C3 data by a system or role not allowed it.</summary>
    C3Access,

    /// <summary>Marketing purpose without a consent reference.</summary>
    MarketingWithoutConsent,

    /// <summary>Credit-report access without an authorization reference.</summary>
    CreditReportWithoutAuthorization,

    /// <summary>Access to a customer flagged VIP or employee.</summary>
    FlaggedCustomer,
}

internal enum AlertSeverity
{
    /// <summary>Worth a look.</summary>
    Low,

    /// <summary>Review soon.</summary>
    Medium,

    /// <summary>Review at once.</summary>
    High,
}

/// <summary>Open → Acknowledged → Dismissed or Confirmed.</summary>
internal enum AlertStatus
{
    /// <summary>Raised, not yet looked at.</summary>
    Open,

    /// <summary>A privacy officer is looking at it.</summary>
    Acknowledged,

    /// <summary>Closed as not misuse.</summary>
    Dismissed,

    /// <summary>Closed as misuse.</summary>
    Confirmed,
}

internal enum AlertAction
{
    /// <summary>Take the alert for review.</summary>
    Acknowledge,

    /// <summary>Close it as not misuse.</summary>
    Dismiss,

    /// <summary>Close it as misuse.</summary>
    Confirm,
}

/// <summary>How a closed alert was resolved.</summary>
internal enum AlertResolution
{
    /// <summary>Dismissed: no misuse.</summary>
    NoMisuse,

    /// <summary>Confirmed misuse without a leak.</summary>
    Misuse,

    /// <summary>Confirmed leak: a major event was opened.</summary>
    Leak,
}

internal enum CustomerFlagKind
{
    /// <summary>A prominent customer whose records draw curious looks.</summary>
    Vip,

    /// <summary>A customer who is also a staff member.</summary>
    Employee,
}

/// <summary>The alert workflow. A reviewer must acknowledge (take ownership) before deciding.</summary>
internal static class AlertLifecycle
{
    /// <summary>The alert workflow as the shared state machine: acknowledge, then dismiss or confirm; closed alerts take nothing.</summary>
    public static readonly StateMachine<AlertStatus, AlertAction> Machine = new("alert",
        new Dictionary<AlertStatus, AlertAction[]>
        {
            [AlertStatus.Open] = [AlertAction.Acknowledge],
            [AlertStatus.Acknowledged] = [AlertAction.Dismiss, AlertAction.Confirm],
        },
        new Dictionary<AlertAction, AlertStatus>
        {
            [AlertAction.Acknowledge] = AlertStatus.Acknowledged,
            [AlertAction.Dismiss] = AlertStatus.Dismissed,
            [AlertAction.Confirm] = AlertStatus.Confirmed,
        });

    public static IReadOnlyList<AlertAction> Allowed(AlertStatus status) => Machine.AllowedActions(status);

    /// <summary>Open and acknowledged alerts still take new hits of their group.</summary>
    public static bool IsActive(AlertStatus status) => status is AlertStatus.Open or AlertStatus.Acknowledged;

    public static AlertSeverity SeverityOf(MisuseRule rule) => rule switch
    {
        MisuseRule.DistinctCustomers or MisuseRule.C3Access or MisuseRule.CreditReportWithoutAuthorization => AlertSeverity.High,
        MisuseRule.OffHours => AlertSeverity.Low,
        _ => AlertSeverity.Medium,
    };
}
