using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.Kernel;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.MajorEvents;

/// <summary>One entry of the major-event register, linking back to its source (module + reference).</summary>
public sealed record MajorEventEntry
{
    /// <summary>The register's id.</summary>
    public Guid Id { get; init; }

    /// <summary>Row version (the ETag).</summary>
    public long Version { get; init; }

    /// <summary>The module that raised it.</summary>
    public string SourceModule { get; init; } = "";

    /// <summary>The raiser's own id of the event.</summary>
    public string SourceReference { get; init; } = "";

    /// <summary>What happened, in the raiser's words.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Major or Critical.</summary>
    public string Severity { get; init; } = "";

    /// <summary>Open, Acknowledged or Reported.</summary>
    public string Status { get; init; } = "";

    /// <summary>A short description without personal data.</summary>
    public string Summary { get; init; } = "";

    /// <summary>When it happened.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the raiser detected it.</summary>
    public DateTimeOffset DetectedAt { get; init; }

    /// <summary>When the register recorded it.</summary>
    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When the upward report is due (plan 6 art. 41: at once; ADR 0008 sets the window).</summary>
    public DateTimeOffset ReportDueAt { get; init; }

    /// <summary>When it was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Who acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>To whom it was reported.</summary>
    public string? ReportedTo { get; init; }

    /// <summary>When it was reported.</summary>
    public DateTimeOffset? ReportedAt { get; init; }

    /// <summary>The report's reference.</summary>
    public string? ReportReference { get; init; }

    /// <summary>Who recorded the report.</summary>
    public string? ReportedBy { get; init; }

    /// <summary>The workflow actions the entry's status allows.</summary>
    public IReadOnlyList<string> AllowedActions => Enum.TryParse<MajorEventStatus>(Status, out var status) && Enum.IsDefined(status)
        ? MajorEventWorkflow.Machine.AllowedActionNames(status)
        : [];
}

/// <summary>The register's SQL (schema <c>kernel</c> only) and the kernel handler that writes entries idempotently.</summary>
internal static class MajorEventSql
{
    public const string Columns = """
        id, version, source_module, source_reference, kind, severity, status, summary, occurred_at, detected_at, registered_at,
        report_due_at, acknowledged_at, acknowledged_by, reported_to, reported_at, report_reference, reported_by
        """;

    public const string Filter = """
        WHERE (@Status IS NULL OR status = @Status) AND (@SourceModule IS NULL OR source_module = @SourceModule)
          AND (@From IS NULL OR detected_at >= @From) AND (@To IS NULL OR detected_at < @To)
        """;

    public const string List = $"SELECT {Columns} FROM [kernel].[major_event] {Filter} ORDER BY detected_at DESC, id";

    public const string Count = $"SELECT COUNT(*) FROM [kernel].[major_event] {Filter}";

    public const string ById = $"SELECT {Columns} FROM [kernel].[major_event] WHERE id = @Id";

    public const string BySource = "SELECT id FROM [kernel].[major_event] WHERE source_module = @SourceModule AND source_reference = @SourceReference";

    public const string Insert = """
        INSERT INTO [kernel].[major_event] (id, version, source_module, source_reference, kind, severity, status, summary, occurred_at,
            detected_at, registered_at, report_due_at)
        VALUES (@Id, 1, @SourceModule, @SourceReference, @Kind, @Severity, 'Open', @Summary, @OccurredAt, @DetectedAt, @Now, @DueAt)
        """;

    public const string Acknowledge = """
        UPDATE [kernel].[major_event] SET status = 'Acknowledged', acknowledged_at = @Now, acknowledged_by = @By, version = version + 1
        WHERE id = @Id AND status = 'Open' AND version = @Version
        """;

    public const string Report = """
        UPDATE [kernel].[major_event]
        SET status = 'Reported', reported_to = @ReportedTo, reported_at = @ReportedAt, report_reference = @Reference, reported_by = @By,
            acknowledged_at = COALESCE(acknowledged_at, @Now), acknowledged_by = COALESCE(acknowledged_by, @By), version = version + 1
        WHERE id = @Id AND status <> 'Reported' AND version = @Version
        """;

    /// <summary>
    /// Plan 6 art. 41 asks for the report "at once" under the bank's major-matter reporting rule; the register shows a
    /// due time of detection + 24 hours for a major event and + 2 hours for a critical one (ADR 0008).
    /// </summary>
    public static DateTimeOffset ReportDue(MajorEventSeverity severity, DateTimeOffset detectedAt) =>
        detectedAt + (severity == MajorEventSeverity.Critical ? TimeSpan.FromHours(2) : TimeSpan.FromHours(24));
}

/// <summary>
/// Writes a raised major event into <c>[kernel].[major_event]</c>, once per (source module, source reference): a
/// redelivery or a second raise finds the entry and changes nothing. The entry and its audit row commit together.
/// </summary>
internal sealed class MajorEventRegisterHandler(
    [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time) : IIntegrationEventHandler<MajorEventRaised>
{
    public Task HandleAsync(MajorEventRaised e, CancellationToken ct) => db.InTransactionAsync(async (c, tx) =>
    {
        var source = new { e.SourceModule, e.SourceReference };
        if (await c.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(MajorEventSql.BySource, source, tx, cancellationToken: ct)) is not null)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await c.ExecuteAsync(new CommandDefinition(MajorEventSql.Insert, new
        {
            Id = id, e.SourceModule, e.SourceReference, e.Kind, Severity = e.Severity.ToString(), Summary = Trim(e.Summary, 500),
            e.OccurredAt, e.DetectedAt, Now = now, DueAt = MajorEventSql.ReportDue(e.Severity, e.DetectedAt),
        }, tx, cancellationToken: ct));
        // The summary stays out of the audit row: the raiser promises no personal data, the trail keeps references only.
        await audit.AppendAsync(db, c, tx, new AuditEntry("major-event.registered", "major-event", id.ToString(), null,
            new { e.SourceModule, e.SourceReference, e.Kind, Severity = e.Severity.ToString(), e.DetectedAt }), ct);
        return 1;
    }, ct);

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}
