namespace ConsumerProtection.Shared.Audit;

/// <summary>
/// One state change to audit. <see cref="Before"/> and <see cref="After"/> are serialised to JSON; they must
/// not carry personal data (use references), since audit rows outlive the records they describe.
/// </summary>
public sealed record AuditEntry(string Action, string EntityType, string EntityId, object? Before = null, object? After = null)
{
    /// <summary>The request's correlation id, when the row is written away from the request (e.g. a group commit).</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>A stored audit row.</summary>
public sealed record AuditRecord
{
    public long Seq { get; init; }
    public Guid Id { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string ActorId { get; init; } = "";
    public string ActorName { get; init; } = "";
    public string ActorRoles { get; init; } = "";
    public string? ActorBranch { get; init; }
    public string Action { get; init; } = "";
    public string EntityType { get; init; } = "";
    public string EntityId { get; init; } = "";
    public string? BeforeJson { get; init; }
    public string? AfterJson { get; init; }
    public string? CorrelationId { get; init; }
    public string PrevHash { get; init; } = "";
    public string RowHash { get; init; } = "";
}
