namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>A stored alert.</summary>
internal sealed class AlertRow
{
    public Guid Id { get; set; }
    public string Rule { get; set; } = "";
    public string GroupKey { get; set; } = "";
    public string Status { get; set; } = "";
    public string Severity { get; set; } = "";
    public string? StaffId { get; set; }
    public string? CustomerRef { get; set; }
    public string? SourceSystem { get; set; }
    public long FirstSeq { get; set; }
    public long LastSeq { get; set; }
    public int EventCount { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public DateTimeOffset WindowEnd { get; set; }
    public DateTimeOffset DetectedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string Details { get; set; } = "{}";
    public long Version { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? ClosedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? Resolution { get; set; }
    public Guid? MajorEventId { get; set; }

    public AlertStatus StatusValue => Shared.Http.StrictEnum.FromStored<AlertStatus>(Status, "status");

    /// <summary>What the audit trail keeps: workflow facts and references, never notes or other free text.</summary>
    public object Snapshot() => new
    {
        Id, Rule, Status, Severity, StaffId, CustomerRef, SourceSystem, FirstSeq, LastSeq, EventCount, WindowStart, WindowEnd,
        Resolution, MajorEventId, Version,
    };
}

/// <summary>The alert statements shared by the rules job and the endpoints.</summary>
internal static class AlertSql
{
    public const string Columns = """
        id, [rule], group_key, status, severity, staff_id, customer_ref, source_system, first_seq, last_seq, event_count,
        window_start, window_end, detected_at, updated_at, details, version, acknowledged_by, acknowledged_at, closed_by, closed_at,
        resolution, major_event_id
        """;

    public const string ById = $"SELECT {Columns} FROM [piaccess].[alert] WHERE id = @Id";

    public const string ActiveInGroup = $"""
        SELECT {Columns} FROM [piaccess].[alert] WHERE group_key = @GroupKey AND status IN ('Open', 'Acknowledged')
        """;

    public const string CountInGroup = "SELECT COUNT(*) FROM [piaccess].[alert] WHERE group_key = @GroupKey";

    public const string Insert = """
        INSERT INTO [piaccess].[alert] (id, [rule], group_key, dedupe_key, status, severity, staff_id, customer_ref, source_system,
            first_seq, last_seq, event_count, window_start, window_end, detected_at, updated_at, details, version)
        VALUES (@Id, @Rule, @GroupKey, @DedupeKey, 'Open', @Severity, @StaffId, @CustomerRef, @SourceSystem,
            @FirstSeq, @LastSeq, @EventCount, @WindowStart, @WindowEnd, @Now, @Now, @Details, 1)
        """;

    // Later hits of an active alert's group: the counts grow and the version moves, so a reviewer's stale ETag answers 412.
    public const string Extend = """
        UPDATE [piaccess].[alert]
        SET last_seq = @LastSeq, event_count = event_count + @EventCount, window_start = @WindowStart, window_end = @WindowEnd,
            details = @Details, updated_at = @Now, version = version + 1
        WHERE id = @Id AND version = @Version
        """;

    public const string Transition = """
        UPDATE [piaccess].[alert]
        SET status = @Status, version = version + 1, updated_at = @Now,
            acknowledged_by = COALESCE(@AcknowledgedBy, acknowledged_by), acknowledged_at = COALESCE(@AcknowledgedAt, acknowledged_at),
            closed_by = @ClosedBy, closed_at = @ClosedAt, resolution = @Resolution, major_event_id = @MajorEventId
        WHERE id = @Id AND version = @Version
        """;

    public const string InsertNote = """
        INSERT INTO [piaccess].[alert_note] (id, alert_id, noted_at, author, from_status, to_status, note)
        VALUES (@Id, @AlertId, @NotedAt, @Author, @FromStatus, @ToStatus, @Note)
        """;

    public const string Notes = """
        SELECT id, noted_at, author, from_status, to_status, note FROM [piaccess].[alert_note] WHERE alert_id = @AlertId ORDER BY noted_at, id
        """;
}
