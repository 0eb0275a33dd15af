using System.Data.Common;
using ConsumerProtection.Modules.PersonalInfoAccess.Chain;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Purge;

/// <summary>
/// Purges access events and records each purge in the signed, hash-chained purge ledger in the same transaction, so a
/// purged row without a ledger entry (a "purge" written straight into the file) is evidence of tampering (README:
/// "Tamper evidence"; plan 6 art. 34 and PIPL art. 47: retention first, then real deletion). The ledger head is read
/// under the transaction's write lock (SQLite's single writer; UPDLOCK on SQL Server), so entries never fork.
/// </summary>
internal sealed class PurgeLedger([FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CheckpointKey key)
{
    public const string PurgeSql = """
        UPDATE [piaccess].[access_event]
        SET purged_at = @Now, staff_id = NULL, customer_ref = NULL, purpose_text = NULL, business_ref = NULL, consent_ref = NULL,
            authorization_ref = NULL, personal_salt = NULL
        WHERE seq = @Seq AND purged_at IS NULL
        """;

    public const string InsertSql = """
        INSERT INTO [piaccess].[purge_ledger]
            (entry_no, kind, purged_at, record_type, retention_years, first_v2_seq, event_seqs, prev_hash, entry_hash, key_id, signature)
        VALUES (@EntryNo, @Kind, @PurgedAt, @RecordType, @RetentionYears, @FirstV2Seq, @EventSeqs, @PrevHash, @EntryHash, @KeyId, @Signature)
        """;

    public const string ListSql = """
        SELECT entry_no AS EntryNo, kind AS Kind, purged_at AS PurgedAt, record_type AS RecordType, retention_years AS RetentionYears,
               first_v2_seq AS FirstV2Seq, event_seqs AS EventSeqs, prev_hash AS PrevHash, entry_hash AS EntryHash, key_id AS KeyId,
               signature AS Signature
        FROM [piaccess].[purge_ledger] ORDER BY entry_no
        """;

    public string HeadSql { get; } = BuildHead(db.Dialect);

    internal static string BuildHead(SqlDialect d) =>
        $"SELECT {d.Top1} entry_no AS EntryNo, entry_hash AS EntryHash FROM [piaccess].[purge_ledger] {d.UpdLockHint} ORDER BY entry_no DESC {d.Limit1}";

    private sealed class Head
    {
        public long EntryNo { get; init; }
        public byte[] EntryHash { get; init; } = [];
    }

    /// <summary>
    /// Purges <paramref name="seqs"/> (those not purged yet) at <paramref name="now"/> and appends one ledger entry naming
    /// them, inside the caller's transaction. Returns the seqs it purged. The caller has checked retention and holds.
    /// </summary>
    public async Task<List<long>> PurgeAsync(
        DbConnection c, DbTransaction tx, IEnumerable<long> seqs, DateTimeOffset now, string recordType, int retentionYears, CancellationToken ct)
    {
        var purged = new List<long>();
        foreach (var seq in seqs)
        {
            if (await c.ExecuteAsync(new CommandDefinition(PurgeSql, new { Seq = seq, Now = now }, tx, cancellationToken: ct)) == 1)
            {
                purged.Add(seq);
            }
        }

        if (purged.Count > 0)
        {
            await AppendAsync(c, tx, PurgeKind.Purge, now, recordType, retentionYears, null, purged, ct);
        }

        return purged;
    }

    /// <summary>The last entry number (0 for an empty ledger), read under the ledger's write lock.</summary>
    public async Task<long> HeadEntryNoAsync(DbConnection c, DbTransaction tx, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<Head>(new CommandDefinition(HeadSql, transaction: tx, cancellationToken: ct)))?.EntryNo ?? 0;

    /// <summary>Appends one signed entry after the current head.</summary>
    public async Task<PurgeEntry> AppendAsync(
        DbConnection c, DbTransaction tx, string kind, DateTimeOffset at, string recordType, int retentionYears, long? firstV2Seq,
        IEnumerable<long> seqs, CancellationToken ct)
    {
        var head = await c.QuerySingleOrDefaultAsync<Head>(new CommandDefinition(HeadSql, transaction: tx, cancellationToken: ct));
        var unsigned = new PurgeEntry
        {
            EntryNo = (head?.EntryNo ?? 0) + 1, Kind = kind, PurgedAt = at.ToUniversalTime(), RecordType = recordType,
            RetentionYears = retentionYears, FirstV2Seq = firstV2Seq, EventSeqs = SeqRanges.Format(seqs),
            PrevHash = head?.EntryHash ?? EventHash.Genesis, KeyId = key.KeyId,
        };
        var content = unsigned.Content();
        var entry = new PurgeEntry
        {
            EntryNo = unsigned.EntryNo, Kind = kind, PurgedAt = unsigned.PurgedAt, RecordType = recordType, RetentionYears = retentionYears,
            FirstV2Seq = firstV2Seq, EventSeqs = unsigned.EventSeqs, PrevHash = unsigned.PrevHash, KeyId = unsigned.KeyId,
            EntryHash = PurgeEntry.HashOf(content), Signature = key.Sign(content),
        };
        await c.ExecuteAsync(new CommandDefinition(InsertSql, entry, tx, cancellationToken: ct));
        return entry;
    }

    /// <summary>Every entry in order (the verifier's input; entries are few: one per purge batch).</summary>
    public async Task<List<PurgeEntry>> ListAsync(DbConnection c, CancellationToken ct) =>
        (await c.QueryAsync<PurgeEntry>(new CommandDefinition(ListSql, cancellationToken: ct))).AsList();

    /// <summary>Purges in its own transaction (the single-event disposal and tests).</summary>
    public Task<List<long>> PurgeAsync(IEnumerable<long> seqs, DateTimeOffset now, string recordType, int retentionYears, CancellationToken ct) =>
        db.InTransactionAsync((c, tx) => PurgeAsync(c, tx, seqs, now, recordType, retentionYears, ct), ct);
}
