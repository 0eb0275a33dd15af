using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Protection;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Protection;

/// <summary>
/// The <c>rekey</c> verb for complaints: every not-yet-anonymised complaint whose personal fields are plaintext (filed
/// before encryption) or sealed under a key other than the active one is rewritten under the active key, with its
/// blind indexes. Batches commit one by one and walk each key's rows by id, so a stopped run resumes and a finished
/// one finds nothing; a row that does not decrypt is counted, logged by id and left as it is. The version is not
/// bumped: what the complaint says does not change. One audit row records the run, without personal data.
/// </summary>
internal sealed partial class ComplaintRekeyer(ComplaintStore store, IAuditWriter audit, TimeProvider time, ILogger<ComplaintRekeyer> logger)
    : IPersonalDataRekeyer
{
    private static readonly Caller Actor = Caller.System("rekey");

    public string Name => "complaints";

    public async Task<long> CountPendingAsync(CancellationToken ct)
    {
        long pending = 0;
        foreach (var keyId in Retired())
        {
            pending += await store.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
                keyId is null ? CountPlain : CountUnder, new { KeyId = keyId }, cancellationToken: ct)), ct);
        }

        return pending;
    }

    public async Task<RekeyProgress> RekeyAsync(int batchSize, Action<RekeyProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var started = time.GetTimestamp();
        var report = new RekeyProgress(Name, await CountPendingAsync(ct), 0, 0, TimeSpan.Zero);
        var active = store.Consumers.Protector.ActiveKeyId;
        try
        {
            foreach (var keyId in Retired())
            {
                var after = Guid.Empty;
                while (true)
                {
                    var batch = await store.Db.ReadAsync(async c => (await c.QueryAsync<ComplaintRow>(new CommandDefinition(
                        (keyId is null ? SelectPlain : SelectUnder) + " " + store.Db.Dialect.Page,
                        new { KeyId = keyId, After = after, Offset = 0, Limit = batchSize }, cancellationToken: ct))).AsList(), ct);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    after = batch[^1].Id;
                    var (rewritten, failed) = await RewriteAsync(batch, keyId, ct);
                    report = report with { Rekeyed = report.Rekeyed + rewritten, Failed = report.Failed + failed, Elapsed = time.GetElapsedTime(started) };
                    progress?.Invoke(report);
                }
            }
        }
        finally
        {
            // Also after a failure or Ctrl+C: what was committed is on record.
            await AuditAsync(report, active, CancellationToken.None);
        }

        return report with { Elapsed = time.GetElapsedTime(started) };
    }

    // Plaintext rows (null) first, then every configured key but the active one; a key this host lacks cannot be read anyway.
    private IEnumerable<string?> Retired() =>
        new string?[] { null }.Concat(store.Consumers.Protector.KeyIds.Where(k => k != store.Consumers.Protector.ActiveKeyId).Order(StringComparer.Ordinal));

    private async Task<(int Rewritten, int Failed)> RewriteAsync(List<ComplaintRow> batch, string? fromKey, CancellationToken ct)
    {
        var updates = new List<object>(batch.Count);
        var failed = 0;
        foreach (var row in batch)
        {
            ComplaintRow fresh;
            try
            {
                var consumer = store.Consumers.Open(row);
                fresh = new ComplaintRow
                {
                    Id = row.Id, ConsumerName = consumer.Name, ConsumerPhone = consumer.Phone, ConsumerEmail = consumer.Email,
                    ConsumerIdNumber = consumer.IdNumber, VulnerableNote = store.Consumers.Note(row),
                };
            }
            catch (PersonalDataProtectionException ex)
            {
                failed++;
                logger.LogWarning("Complaint {Id} was not rekeyed: {Reason}", row.Id, ex.Message);
                continue;
            }

            store.Consumers.Seal(fresh);
            updates.Add(new
            {
                fresh.Id, fresh.ConsumerName, fresh.ConsumerPhone, fresh.ConsumerEmail, fresh.ConsumerIdNumber, fresh.VulnerableNote,
                fresh.ConsumerKeyId, fresh.ConsumerPhoneBidx, fresh.ConsumerEmailBidx, fresh.ConsumerIdNumberBidx, FromKey = fromKey ?? "",
            });
        }

        var rewritten = updates.Count == 0 ? 0 : await store.Db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(new CommandDefinition(Rewrite, updates, tx, cancellationToken: ct)), ct);
        return (rewritten, failed);
    }

    private Task AuditAsync(RekeyProgress report, string active, CancellationToken ct) =>
        store.Db.InTransactionAsync(async (c, tx) => await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaints.rekeyed", "complaint-rekey",
            Guid.CreateVersion7(time.GetUtcNow()).ToString(), null,
            new { ActiveKeyId = active, report.Total, report.Rekeyed, report.Failed, Columns = ConsumerData.SealedColumns }), Actor, ct), ct);
}
