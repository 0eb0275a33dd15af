using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Retention;
using Dapper;

namespace ConsumerProtection.Modules.Training.Infrastructure;

/// <summary>
/// A staff member's training record (record type <c>training-record</c>, id = staff id): the staff row and every
/// attendance, score and external record of theirs. Kept while they are on the books and at least three years after they
/// leave (plan 6 art. 34; <c>Retention:RecordTypes:training-record</c> may set longer); the clock starts at the leave
/// date. Disposal deletes their training records and anonymises the staff row (name gone; branch, category and dates
/// stay), audited; a legal hold on the staff id stops it (the kernel checks before calling).
/// </summary>
internal sealed class TrainingRetentionSource(TrainingStore store) : IRetentionRecordSource
{
    public const string Type = "training-record";

    private const string Find = "SELECT active AS Active, leave_date AS LeaveDate FROM [training].[staff] WHERE staff_id = @StaffId AND anonymised_at IS NULL";

    private const string Expired = """
        SELECT staff_id FROM [training].[staff]
        WHERE anonymised_at IS NULL AND active = 0 AND leave_date IS NOT NULL AND leave_date < @BeforeDay
        ORDER BY leave_date, staff_id
        """;

    private const string DeleteRecords = "DELETE FROM [training].[training_record] WHERE staff_id = @StaffId";

    private const string DeleteCorrections = "DELETE FROM [training].[record_correction] WHERE staff_id = @StaffId";

    private const string Anonymise = """
        UPDATE [training].[staff] SET name = NULL, key_id = NULL, anonymised_at = @Now, updated_at = @Now, version = version + 1
        WHERE staff_id = @StaffId AND anonymised_at IS NULL AND active = 0
        """;

    private sealed class Row
    {
        public bool Active { get; set; }
        public DateOnly? LeaveDate { get; set; }
    }

    public string RecordType => Type;

    public async Task<RetentionState?> FindAsync(string recordId, CancellationToken ct)
    {
        var row = await store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Find, new { StaffId = recordId }, cancellationToken: ct)), ct);
        return row is null ? null : new RetentionState(recordId, Start(row.Active, row.LeaveDate));
    }

    /// <summary>Retention starts at the start (UTC) of the leave date; null while the staff member is active.</summary>
    internal static DateTimeOffset? Start(bool active, DateOnly? leave) =>
        active || leave is not { } l ? null : new DateTimeOffset(l.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public async Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct)
    {
        // leave_date < the day of startedBefore, or that day when startedBefore is after its midnight: exact at day granularity.
        var day = DateOnly.FromDateTime(startedBefore.UtcDateTime);
        var beforeDay = startedBefore.UtcDateTime.TimeOfDay > TimeSpan.Zero ? day.AddDays(1) : day;
        var ids = await store.Db.ReadAsync(c => c.QueryAsync<string>(new CommandDefinition(Expired + " " + store.Db.Dialect.Page,
            new { BeforeDay = beforeDay, Offset = 0, Limit = limit }, cancellationToken: ct)), ct);
        return ids.ToList();
    }

    public Task DisposeAsync(string recordId, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow();
        return store.Db.InTransactionAsync(async (c, tx) =>
        {
            var deleted = await c.ExecuteAsync(new CommandDefinition(DeleteRecords, new { StaffId = recordId }, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(DeleteCorrections, new { StaffId = recordId }, tx, cancellationToken: ct));
            await Coverage.StaffYear.RefreshAsync(c, tx, [recordId], ct);
            if (await c.ExecuteAsync(new CommandDefinition(Anonymise, new { StaffId = recordId, Now = now }, tx, cancellationToken: ct)) == 1)
            {
                await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry("training-record.disposed", Type, recordId,
                    new { Anonymised = false }, new { Anonymised = true, AnonymisedAt = now, TrainingRecordsDeleted = deleted, Cleared = new[] { "name" } }), ct);
            }

            return 0;
        }, ct);
    }
}
