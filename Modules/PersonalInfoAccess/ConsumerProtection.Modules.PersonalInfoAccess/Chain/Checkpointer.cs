using ConsumerProtection.Modules.PersonalInfoAccess.Ingest;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>
/// Takes a signed checkpoint of the chain head when it moved far enough since the last one. Runs in its own transaction,
/// never in the writer's commit path; the head is read inside it (committed rows only). One checkpoint per seq: a second
/// taker (another host, a concurrent request) finds the row there and writes nothing. Every checkpoint is audited.
/// </summary>
internal sealed class Checkpointer(
    [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, EventAppender appender, CheckpointKey key,
    IAuditWriter audit, TimeProvider time)
{
    internal const string LatestSql = "SELECT MAX(seq) FROM [piaccess].[checkpoint]";

    internal const string InsertSql = """
        INSERT INTO [piaccess].[checkpoint] (seq, row_hash, created_at, key_id, signature)
        SELECT @Seq, @RowHash, @CreatedAt, @KeyId, @Signature
        WHERE NOT EXISTS (SELECT 1 FROM [piaccess].[checkpoint] WHERE seq = @Seq)
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _lastSeq = -1;

    /// <summary>The seq of the last checkpoint this host took or saw; -1 before the first look.</summary>
    public long LastKnownSeq => Interlocked.Read(ref _lastSeq);

    /// <summary>
    /// Takes a checkpoint of the head if at least <paramref name="minNewEvents"/> events came after the last checkpoint;
    /// null when there was nothing (enough) to sign. <paramref name="trigger"/> names the reason in the audit row.
    /// </summary>
    public async Task<Checkpoint?> TakeAsync(string trigger, long minNewEvents, Caller actor, CancellationToken ct)
    {
        var createdAt = time.GetUtcNow();
        await _gate.WaitAsync(ct);
        try
        {
            var taken = await db.InTransactionAsync<(Checkpoint? Checkpoint, long Last)>(async (c, tx) =>
            {
                var last = await c.ExecuteScalarAsync<long?>(new CommandDefinition(LatestSql, transaction: tx, cancellationToken: ct)) ?? 0;
                var (seq, rowHash) = await appender.HeadAsync(c, tx, ct);
                if (seq - last < Math.Max(1, minNewEvents))
                {
                    return (null, last);
                }

                var keyId = key.KeyId;
                var signature = key.Sign(CheckpointContent.For(seq, rowHash, createdAt, keyId));
                var checkpoint = new Checkpoint(seq, rowHash, createdAt, keyId, signature);
                if (await c.ExecuteAsync(new CommandDefinition(InsertSql, new { Seq = seq, RowHash = rowHash, CreatedAt = createdAt, KeyId = keyId, Signature = signature }, tx, cancellationToken: ct)) == 0)
                {
                    return (null, seq);
                }

                await audit.AppendAsync(db, c, tx, new AuditEntry("checkpoint.created", "pi-access-checkpoint", seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    After: new { seq, rowHash = Convert.ToHexStringLower(rowHash), keyId, trigger }), actor, ct);
                return (checkpoint, seq);
            }, ct);
            Interlocked.Exchange(ref _lastSeq, taken.Last);
            return taken.Checkpoint;
        }
        finally
        {
            _gate.Release();
        }
    }
}
