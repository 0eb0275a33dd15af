using System.Data;
using System.Data.Common;
using ConsumerProtection.Shared.Data;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// Several queries that must describe one moment (the monthly statistics, a list's total and its page) read in one
/// read-only transaction. SQLite: a deferred transaction holds one WAL snapshot from its first read and never takes
/// the write lock. SQL Server: serializable, so no row can appear, change or vanish between the queries; the range
/// locks last only as long as the index-only reads.
/// </summary>
internal static class SnapshotRead
{
    public static Task<T> ReadAsync<T>(IModuleDb db, Func<DbConnection, DbTransaction, Task<T>> read, CancellationToken ct) =>
        db.ReadAsync(async c =>
        {
            await using var tx = c is SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await c.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            var result = await read(c, tx);
            await tx.CommitAsync(ct);
            return result;
        }, ct);
}
