namespace ConsumerProtection.Shared.Alerts;

/// <summary>How urgent an operational alert is.</summary>
public enum AlertSeverity
{
    /// <summary>Needs an administrator's attention; the service keeps working.</summary>
    Warning,

    /// <summary>Something the office relies on is wrong now.</summary>
    Critical,
}

/// <summary>An operational condition an Admin should act on (not a regulatory "major event").</summary>
public sealed record OperationalAlert(
    Guid Id, string Key, string Code, AlertSeverity Severity, string Message, DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ResolvedAt);

/// <summary>
/// The kernel's operational-alerts list (<c>[kernel].[operational_alert]</c>), for any module. A condition is named by a
/// key (e.g. <c>calendar.year-missing:2027</c>); while an alert for a key is unresolved, raising it again does nothing.
/// Every raise, acknowledgement and resolution is audited in the kernel schema.
/// </summary>
public interface IOperationalAlerts
{
    /// <summary>Raises the alert unless one for <paramref name="key"/> is already open; true when this call raised it.</summary>
    Task<bool> RaiseAsync(string key, string code, AlertSeverity severity, string message, CancellationToken ct);

    /// <summary>Resolves the open alert for <paramref name="key"/>, if any; true when one was resolved.</summary>
    Task<bool> ResolveAsync(string key, CancellationToken ct);

    /// <summary>The unresolved alerts, oldest first.</summary>
    Task<IReadOnlyList<OperationalAlert>> OpenAsync(CancellationToken ct);
}
