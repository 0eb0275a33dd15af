using System.Data.Common;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Operations;
using ConsumerProtection.Shared.Retention;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// Verifies the chain over a seq range against itself and against signed checkpoints (stored ones and ones an auditor
/// kept elsewhere). Checkpoint signatures are checked first; then rows stream in seq order (never the whole table in
/// memory) and the first break ends the walk. The purge ledger is checked whole before the walk, and each row's purged
/// state against it during the walk. See <see cref="ChainDamage"/> for what each finding means.
/// </summary>
internal sealed partial class ChainVerifier(
    [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CheckpointKey key, PurgeLedger ledger, TimeProvider time,
    IOptions<RetentionOptions> retention, IOptions<PersonalInfoAccessOptions> options)
{
    /// <summary>How far before and after a broken link to look for the row it really links to (Reordered).</summary>
    public const int Window = 1024;

    internal const string CheckpointsSql = """
        SELECT seq, row_hash, created_at, key_id, signature FROM [piaccess].[checkpoint] WHERE seq >= @From AND seq <= @To ORDER BY seq
        """;

    internal const string LastSeqSql = "SELECT MAX(seq) FROM [piaccess].[access_event]";

    private sealed class StoredCheckpoint
    {
        public long Seq { get; init; }
        public byte[] RowHash { get; init; } = [];
        public DateTimeOffset CreatedAt { get; init; }
        public string KeyId { get; init; } = "";
        public byte[] Signature { get; init; } = [];
    }

    /// <summary>The chain's name in the <c>cp.chain.verify.*</c> metrics and the <c>verify</c> verb.</summary>
    public const string ChainName = PersonalInfoAccessModule.SchemaName + ".access_event";

    public async Task<VerifyResult> VerifyAsync(long fromSeq, long? toSeq, IReadOnlyList<Checkpoint> external, CancellationToken ct)
    {
        var result = await db.ReadAsync(c => VerifyAsync(c, fromSeq, toSeq, external, ct), ct);
        return OfficeMetrics.ChainVerified(ChainName, result.Ok, result);
    }

    private async Task<VerifyResult> VerifyAsync(DbConnection c, long fromSeq, long? toSeq, IReadOnlyList<Checkpoint> external, CancellationToken ct)
    {
        var upper = toSeq ?? long.MaxValue;
        // Checkpoints first: each one was taken of a committed row, so rows read afterwards cover every one of them.
        var stored = await c.QueryAsync<StoredCheckpoint>(new CommandDefinition(CheckpointsSql, new { From = fromSeq, To = upper }, cancellationToken: ct));
        var checkpoints = stored.Select(s => new Checkpoint(s.Seq, s.RowHash, s.CreatedAt.ToUniversalTime(), s.KeyId, s.Signature))
            .Concat(external.Where(e => e.Seq >= fromSeq && e.Seq <= upper))
            .OrderBy(k => k.Seq).ToList();
        var walk = new Walk(fromSeq, toSeq);
        foreach (var k in checkpoints)
        {
            if (!key.Knows(k.KeyId))
            {
                return walk.Broken(k.Seq, ChainDamage.CheckpointInvalid, $"the checkpoint at seq {k.Seq} names key {k.KeyId}, which is not trusted.");
            }

            if (!key.Verify(k.KeyId, CheckpointContent.For(k), k.Signature))
            {
                return walk.Broken(k.Seq, ChainDamage.CheckpointInvalid, $"the checkpoint at seq {k.Seq} has a signature that does not verify.");
            }
        }

        // The whole ledger, whatever the range: an entry is small (one per purge batch) and its chain starts at entry 1.
        var (purges, ledgerSeq, ledgerProblem) = PurgeCheck.Load(
            await ledger.ListAsync(c, ct), key, time.GetUtcNow(), options.Value.FutureSkew, retention.Value);
        if (purges is null)
        {
            return walk.Broken(ledgerSeq, ChainDamage.PurgeLedgerBroken, ledgerProblem!);
        }

        walk.LedgerEntriesChecked = purges.EntriesChecked;
        var broken = await WalkRowsAsync(c, walk, checkpoints, purges, Math.Max(1, fromSeq - 1), upper, ct);
        if (broken is not null)
        {
            return broken;
        }

        if (walk.LastSeq == 0 && fromSeq > 1)
        {
            // The range started past the last row, so the walk saw none: report where the log really ends.
            walk.LastSeq = await c.ExecuteScalarAsync<long?>(new CommandDefinition(LastSeqSql, cancellationToken: ct)) ?? 0;
        }

        var beyond = checkpoints.FirstOrDefault(k => k.Seq > walk.LastSeq);
        if (beyond is not null)
        {
            return walk.Broken(walk.LastSeq + 1, ChainDamage.Truncated,
                $"the chain ends at seq {walk.LastSeq}, but a checkpoint signed seq {beyond.Seq} (taken {beyond.CreatedAt:O}).");
        }

        return purges.Beyond(walk.LastSeq, upper) is { } named
            ? walk.Broken(named.Seq, ChainDamage.PurgeLedgerBroken, named.Detail)
            : walk.Intact();
    }

    // SQLite walks on the raw statement API (see SqliteChainCursor); other engines, and SQLite under another native
    // provider than e_sqlite3, through their ADO.NET reader.
    private async Task<VerifyResult?> WalkRowsAsync(
        DbConnection c, Walk walk, List<Checkpoint> checkpoints, PurgeCheck purges, long from, long to, CancellationToken ct)
    {
        if (c is SqliteConnection sqlite && SqliteColumns.Available)
        {
            using var cursor = new SqliteChainCursor(sqlite, from, to);
            return await WalkAsync(cursor, sqlite: true, walk, checkpoints, purges, ct);
        }

        await using var cmd = c.CreateCommand();
        cmd.CommandText = ChainRow.Sql;
        Add(cmd, "@From", from);
        Add(cmd, "@To", to);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        return await WalkAsync(reader, walk, checkpoints, purges, sqlite: c is SqliteConnection, ct);
    }

    private static void Add(DbCommand cmd, string name, long value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }
}
