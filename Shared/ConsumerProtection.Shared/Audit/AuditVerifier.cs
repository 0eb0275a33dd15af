using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Operations;
using Dapper;

namespace ConsumerProtection.Shared.Audit;

/// <summary>The result of walking a schema's audit chain.</summary>
/// <param name="Ok">True when every row is intact and linked.</param>
/// <param name="Checked">Rows read.</param>
/// <param name="FirstBrokenSeq">The first row that fails, or null.</param>
/// <param name="Problem">What is wrong at that row: <c>edited</c>, <c>missing</c>, <c>reordered</c> or <c>broken-link</c>, with detail.</param>
public sealed record AuditVerification(bool Ok, long Checked, long? FirstBrokenSeq, string? Problem);

/// <summary>Re-computes every row hash of a schema's audit log and checks the links between rows.</summary>
public static class AuditVerifier
{
    /// <summary>How many recent row hashes are remembered to recognise a reordering.</summary>
    public const int RecentWindow = 4096;

    /// <summary>Verifies the whole chain of <paramref name="db"/>'s audit log.</summary>
    public static async Task<AuditVerification> VerifyAsync(IModuleDb db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = connection.QueryUnbufferedAsync<AuditRecord>(AuditSql.For(db).Stream);
        var result = await VerifyAsync(rows, ct);
        return OfficeMetrics.ChainVerified(db.Schema + ".audit_log", result.Ok, result);
    }

    /// <summary>Verifies rows given in seq order (as stored).</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditRecord> rowsBySeq, CancellationToken ct)
    {
        long expectedSeq = 1, count = 0;
        var prevHash = AuditHash.Genesis;
        // Recent hashes, to tell a local reordering (a recent row turning up again) from a replaced row. Bounded, so
        // memory stays flat however long the chain: a row moved further than the window reads as broken-link.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var window = new Queue<string>(RecentWindow + 1);
        await foreach (var row in rowsBySeq.WithCancellation(ct))
        {
            count++;
            if (row.Seq != expectedSeq)
            {
                return row.Seq > expectedSeq
                    ? Broken(count, expectedSeq, $"missing: rows {expectedSeq}..{row.Seq - 1} are gone")
                    : Broken(count, row.Seq, "reordered: sequence number repeats");
            }

            if (!string.Equals(AuditHash.Compute(row), row.RowHash, StringComparison.Ordinal))
            {
                return Broken(count, row.Seq, "edited: the row's content does not match its hash");
            }

            if (!string.Equals(row.PrevHash, prevHash, StringComparison.Ordinal))
            {
                return seen.Contains(row.PrevHash)
                    ? Broken(count, row.Seq, "reordered: the row links to an earlier row than its predecessor")
                    : Broken(count, row.Seq, "broken-link: the row does not link to its predecessor (a row was replaced or removed)");
            }

            seen.Add(row.RowHash);
            window.Enqueue(row.RowHash);
            if (window.Count > RecentWindow)
            {
                seen.Remove(window.Dequeue());
            }

            prevHash = row.RowHash;
            expectedSeq++;
        }

        return new AuditVerification(true, count, null, null);
    }

    private static AuditVerification Broken(long checkedRows, long seq, string problem) => new(false, checkedRows, seq, problem);
}
