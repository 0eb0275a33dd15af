using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Shared.Retention;

/// <summary>A legal hold on one record: while active, the record is never disposed of.</summary>
public sealed record LegalHold
{
    public Guid Id { get; init; }
    public string RecordType { get; init; } = "";
    public string RecordId { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTimeOffset SetAt { get; init; }
    public string SetBy { get; init; } = "";
    public DateTimeOffset? LiftedAt { get; init; }
    public string? LiftedBy { get; init; }
    public string? LiftReason { get; init; }

    /// <summary>True while the hold is in force.</summary>
    public bool Active => LiftedAt is null;
}

/// <summary>Legal holds in the kernel schema; setting and lifting are audited there.</summary>
public sealed class LegalHolds([FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time)
{
    private const string Columns = """
        id AS Id, record_type AS RecordType, record_id AS RecordId, reason AS Reason, set_at AS SetAt, set_by AS SetBy,
        lifted_at AS LiftedAt, lifted_by AS LiftedBy, lift_reason AS LiftReason
        """;

    private const string Insert = """
        INSERT INTO [kernel].[legal_hold] (id, record_type, record_id, reason, set_at, set_by)
        VALUES (@Id, @RecordType, @RecordId, @Reason, @SetAt, @SetBy)
        """;

    private const string ActiveFor = $"""
        SELECT {Columns} FROM [kernel].[legal_hold]
        WHERE record_type = @RecordType AND record_id = @RecordId AND lifted_at IS NULL
        """;

    private const string ById = $"""
        SELECT {Columns} FROM [kernel].[legal_hold] WHERE id = @Id
        """;

    private const string List = $"""
        SELECT {Columns} FROM [kernel].[legal_hold]
        WHERE (@RecordType IS NULL OR record_type = @RecordType)
          AND (@RecordId IS NULL OR record_id = @RecordId)
          AND (@ActiveOnly = 0 OR lifted_at IS NULL)
        ORDER BY set_at DESC, id
        """;

    private const string Lift = """
        UPDATE [kernel].[legal_hold] SET lifted_at = @Now, lifted_by = @By, lift_reason = @Reason
        WHERE id = @Id AND lifted_at IS NULL
        """;

    /// <summary>The active hold on a record, if any.</summary>
    public Task<LegalHold?> ActiveAsync(string recordType, string recordId, CancellationToken ct) =>
        db.ReadAsync(c => c.QueryFirstOrDefaultAsync<LegalHold>(
            new CommandDefinition(ActiveFor, new { RecordType = recordType, RecordId = recordId }, cancellationToken: ct)), ct);

    /// <summary>One hold by id.</summary>
    public Task<LegalHold?> GetAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(c => c.QuerySingleOrDefaultAsync<LegalHold>(new CommandDefinition(ById, new { Id = id }, cancellationToken: ct)), ct);

    /// <summary>Holds matching the filters, newest first.</summary>
    public async Task<IReadOnlyList<LegalHold>> ListAsync(string? recordType, string? recordId, bool activeOnly, CancellationToken ct) =>
        (await db.ReadAsync(c => c.QueryAsync<LegalHold>(new CommandDefinition(
            List, new { RecordType = recordType, RecordId = recordId, ActiveOnly = activeOnly ? 1 : 0 }, cancellationToken: ct)), ct)).AsList();

    /// <summary>Places a hold; returns the existing active hold instead when the record is already held.</summary>
    public async Task<(LegalHold Hold, bool Created)> PlaceAsync(string recordType, string recordId, string reason, string by, CancellationToken ct)
    {
        var hold = new LegalHold
        {
            Id = Guid.CreateVersion7(), RecordType = recordType, RecordId = recordId, Reason = reason, SetAt = time.GetUtcNow(), SetBy = by,
        };
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var existing = await c.QueryFirstOrDefaultAsync<LegalHold>(
                new CommandDefinition(ActiveFor, new { RecordType = recordType, RecordId = recordId }, tx, cancellationToken: ct));
            if (existing is not null)
            {
                return (existing, false);
            }

            await c.ExecuteAsync(new CommandDefinition(Insert, hold, tx, cancellationToken: ct));
            await audit.AppendAsync(db, c, tx, new AuditEntry("legal-hold.placed", "legal-hold", hold.Id.ToString(), null,
                new { hold.RecordType, hold.RecordId, hold.Reason }), ct);
            return (hold, true);
        }, ct);
    }

    /// <summary>Lifts a hold; null when no such hold, unchanged (Active) when it was already lifted.</summary>
    public async Task<(LegalHold? Hold, bool Lifted)> LiftAsync(Guid id, string reason, string by, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.InTransactionAsync(async (c, tx) =>
        {
            var affected = await c.ExecuteAsync(new CommandDefinition(Lift, new { Id = id, Now = now, By = by, Reason = reason }, tx, cancellationToken: ct));
            var hold = await c.QuerySingleOrDefaultAsync<LegalHold>(new CommandDefinition(ById, new { Id = id }, tx, cancellationToken: ct));
            if (affected == 1 && hold is not null)
            {
                await audit.AppendAsync(db, c, tx, new AuditEntry("legal-hold.lifted", "legal-hold", id.ToString(),
                    new { Active = true }, new { Active = false, LiftReason = reason }), ct);
            }

            return (hold, affected == 1);
        }, ct);
    }
}
