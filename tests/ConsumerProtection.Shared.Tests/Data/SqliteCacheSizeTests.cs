using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace ConsumerProtection.Shared.Tests.Data;

/// <summary>
/// Read connections carry the small read cache and write transactions a connection with the write cache, from a pool
/// of their own (ADR 0009): the write connection comes back for the next write, the read pool never hands it out.
/// </summary>
public sealed class SqliteCacheSizeTests
{
    [Test]
    public async Task Reads_and_writes_run_on_connections_with_their_own_cache_size()
    {
        using var temp = TempKernelDb.Create();
        using var db = new SqliteModuleDb("kernel", temp.FilePath, ResiliencePipeline.Empty, cacheMiB: 3, new FakeTimeProvider(), writerCacheMiB: 11);

        // SQLite reports a cache set in KiB as a negative number.
        var read = await db.ReadAsync(c => c.ExecuteScalarAsync<long>("PRAGMA [kernel].cache_size"), CancellationToken.None);
        Assert.That(read, Is.EqualTo(-3 * 1024));

        var handles = new List<object>();
        for (var i = 0; i < 3; i++)
        {
            var written = await db.InTransactionAsync(async (c, tx) =>
            {
                handles.Add(((Microsoft.Data.Sqlite.SqliteConnection)c).Handle!);
                return await c.ExecuteScalarAsync<long>("PRAGMA [kernel].cache_size", transaction: tx);
            }, CancellationToken.None);
            Assert.That(written, Is.EqualTo(-11 * 1024));
        }

        Assert.That(handles.Distinct().Count(), Is.EqualTo(1), "consecutive writes reuse the one warm write connection");
        await db.ReadAsync(async c =>
        {
            Assert.That(((Microsoft.Data.Sqlite.SqliteConnection)c).Handle, Is.Not.SameAs(handles[0]), "the read pool does not hand out the write connection");
            Assert.That(await c.ExecuteScalarAsync<long>("PRAGMA [kernel].cache_size"), Is.EqualTo(-3 * 1024));
            return 0;
        }, CancellationToken.None);
    }

    [Test]
    public async Task A_negative_writer_cache_means_the_same_as_the_readers()
    {
        using var temp = TempKernelDb.Create();
        using var db = new SqliteModuleDb("kernel", temp.FilePath, ResiliencePipeline.Empty, cacheMiB: 5, new FakeTimeProvider());
        var written = await db.InTransactionAsync((c, tx) => c.ExecuteScalarAsync<long>("PRAGMA [kernel].cache_size", transaction: tx), CancellationToken.None);
        Assert.That(written, Is.EqualTo(-5 * 1024));
    }
}
