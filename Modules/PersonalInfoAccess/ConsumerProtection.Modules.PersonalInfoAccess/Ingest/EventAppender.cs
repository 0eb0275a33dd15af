using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

/// <summary>
/// Appends events to the hash chain inside the caller's transaction. The chain head is read in the same transaction,
/// so whoever holds the write turn (SQLite's single writer; on SQL Server the sequencer application lock) extends the
/// chain from what is committed, never from a cached value. A resend of a stored event id writes nothing.
/// </summary>
internal sealed partial class EventAppender
{
    private static readonly string[] Columns =
    [
        "seq", "event_id", "occurred_at", "recorded_at", "staff_id", "staff_role", "staff_branch", "staff_department", "source_system",
        "customer_ref", "categories", "max_tier", "action", "purpose", "purpose_text", "legal_basis", "business_ref", "consent_ref",
        "authorization_ref", "channel", "outcome", "payload_hash", "prev_hash", "row_hash", "personal_salt", "personal_hash",
    ];

    // Single sequencer on SQL Server: every appending transaction, on any host, takes this lock first (README: sequencing).
    internal const string SqlServerSequencerLock =
        "EXEC sp_getapplock @Resource = N'piaccess.access_event.sequencer', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 30000";

    private readonly SqlDialect _dialect;

    public EventAppender([FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db)
    {
        _dialect = db.Dialect;
        HeadSql = BuildHead(_dialect);
        InsertSql = BuildInsert(_dialect);
    }

    internal string HeadSql { get; }

    internal string InsertSql { get; }

    internal const string StoredPayloadHashSql =
        "SELECT seq, payload_hash, personal_salt FROM [piaccess].[access_event] WHERE event_id = @event_id";

    internal static string BuildHead(SqlDialect dialect) =>
        $"SELECT {dialect.Top1} seq, row_hash FROM [piaccess].[access_event] ORDER BY seq DESC {dialect.Limit1}";

    internal static string BuildInsert(SqlDialect dialect)
    {
        var names = string.Join(", ", Columns);
        var values = string.Join(", ", Columns.Select(c => "@" + c));
        // SQLite: a targeted conflict clause (never INSERT OR IGNORE, which would also swallow a seq collision).
        // SQL Server: the existence probe under the sequencer lock; the unique index is the backstop.
        return dialect.Provider == StorageProvider.Sqlite
            ? $"INSERT INTO [piaccess].[access_event] ({names}) VALUES ({values}) ON CONFLICT (event_id) DO NOTHING"
            : $"INSERT INTO [piaccess].[access_event] ({names}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM [piaccess].[access_event] WHERE event_id = @event_id)";
    }

    /// <summary>The chain head (last seq and its row hash), or (0, genesis) for an empty log.</summary>
    public async Task<(long Seq, byte[] RowHash)> HeadAsync(DbConnection c, DbTransaction? tx, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = HeadSql;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, EventHash.Genesis);
    }

    /// <summary>Appends <paramref name="events"/> in order; one result per event.</summary>
    public async Task<AppendResult[]> AppendAsync(
        DbConnection c, DbTransaction tx, IReadOnlyList<AccessEvent> events, DateTimeOffset recordedAt, CancellationToken ct)
    {
        if (_dialect.Provider == StorageProvider.SqlServer)
        {
            await using var lockCmd = c.CreateCommand();
            lockCmd.Transaction = tx;
            lockCmd.CommandText = SqlServerSequencerLock;
            await lockCmd.ExecuteNonQueryAsync(ct);
        }

        var (seq, prev) = await HeadAsync(c, tx, ct);
        return _dialect.Provider == StorageProvider.Sqlite
            ? AppendSqlite((SqliteConnection)c, events, recordedAt, seq, prev)
            : await AppendPortableAsync(c, tx, events, recordedAt, seq, prev, ct);
    }

    // SQL Server (and any ADO.NET provider): one prepared command, values re-bound per row.
    private async Task<AppendResult[]> AppendPortableAsync(
        DbConnection c, DbTransaction tx, IReadOnlyList<AccessEvent> events, DateTimeOffset recordedAt, long seq, byte[] prev, CancellationToken ct)
    {
        var results = new AppendResult[events.Count];
        await using var insert = c.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = InsertSql;
        var p = new DbParameter[Columns.Length];
        for (var i = 0; i < Columns.Length; i++)
        {
            p[i] = insert.CreateParameter();
            p[i].ParameterName = "@" + Columns[i];
            insert.Parameters.Add(p[i]);
        }

        await insert.PrepareAsync(ct);
        var recordedTicks = recordedAt.UtcTicks;
        var recordedValue = Instant(recordedAt);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var payload = StoredPayload.From(e);
            var salt = RandomNumberGenerator.GetBytes(EventHash.SaltSize);
            var personalHash = new byte[EventHash.Size];
            var payloadHash = new byte[EventHash.Size];
            EventHash.V2(payload, salt, personalHash, payloadHash);
            var rowHash = EventHash.Row(seq + 1, recordedTicks, payloadHash, prev);
            p[0].Value = seq + 1;
            p[1].Value = Id(e.EventId);
            p[2].Value = Instant(e.OccurredAt);
            p[3].Value = recordedValue;
            p[4].Value = payload.StaffId;
            p[5].Value = (object?)payload.StaffRole ?? DBNull.Value;
            p[6].Value = (object?)payload.StaffBranch ?? DBNull.Value;
            p[7].Value = (object?)payload.StaffDepartment ?? DBNull.Value;
            p[8].Value = payload.SourceSystem;
            p[9].Value = payload.CustomerRef;
            p[10].Value = payload.Categories;
            p[11].Value = e.MaxTier;
            p[12].Value = payload.Action;
            p[13].Value = payload.Purpose;
            p[14].Value = (object?)payload.PurposeText ?? DBNull.Value;
            p[15].Value = payload.LegalBasis;
            p[16].Value = (object?)payload.BusinessRef ?? DBNull.Value;
            p[17].Value = (object?)payload.ConsentRef ?? DBNull.Value;
            p[18].Value = (object?)payload.AuthorizationRef ?? DBNull.Value;
            p[19].Value = (object?)payload.Channel ?? DBNull.Value;
            p[20].Value = payload.Outcome;
            p[21].Value = payloadHash;
            p[22].Value = prev;
            p[23].Value = rowHash;
            p[24].Value = salt;
            p[25].Value = personalHash;
            if (await insert.ExecuteNonQueryAsync(ct) == 1)
            {
                seq++;
                prev = rowHash;
                results[i] = new AppendResult(e.EventId, AppendStatus.Recorded, seq);
            }
            else
            {
                results[i] = await ExistingAsync(c, tx, payload, ct);
            }
        }

        return results;
    }

    private async Task<AppendResult> ExistingAsync(DbConnection c, DbTransaction tx, StoredPayload payload, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = StoredPayloadHashSql;
        var p = cmd.CreateParameter();
        p.ParameterName = "@event_id";
        p.Value = Id(payload.EventId);
        cmd.Parameters.Add(p);
        await using var reader = await cmd.ExecuteReaderAsync(CommandBehavior.SingleRow, ct);
        if (!await reader.ReadAsync(ct))
        {
            throw new InvalidOperationException("An event insert was skipped, but no stored event has its id.");
        }

        var seq = reader.GetInt64(0);
        var stored = (byte[])reader.GetValue(1);
        return Compare(payload, seq, stored, await reader.IsDBNullAsync(2, ct) ? null : (byte[])reader.GetValue(2));
    }

    private object Id(Guid id) => StoredValues.For(_dialect.Provider, id);

    private object Instant(DateTimeOffset at) => StoredValues.For(_dialect.Provider, at.ToUniversalTime());
}
