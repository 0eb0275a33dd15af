using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace ConsumerProtection.Shared.Tests.Data;

public sealed class SqliteWalCheckpointerTests
{
    private static long WalFrames(string file)
    {
        using var c = new SqliteConnection($"Data Source={file};Pooling=False");
        c.Open();
        // busy, log (frames in the WAL), checkpointed: a NOOP-ish probe that reports without moving anything.
        var row = c.QuerySingle<(long Busy, long Log, long Checkpointed)>("PRAGMA wal_checkpoint(PASSIVE)");
        return row.Log - row.Checkpointed;
    }

    [Test]
    public async Task SmallCommit_LeavesPagesInTheWal_TheTimerCopiesThem()
    {
        using var temp = TempKernelDb.Create();
        var time = new FakeTimeProvider();
        using var db = new SqliteModuleDb("kernel", temp.FilePath, ResiliencePipeline.Empty, 0, time);
        // Fewer pages than SQLite's inline autocheckpoint (1,000 pages) needs: only the timer copies them.
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS [kernel].[wal_probe] (id INTEGER PRIMARY KEY, pad TEXT)", transaction: tx);
            for (var i = 0; i < 300; i++)
            {
                await c.ExecuteAsync("INSERT INTO [kernel].[wal_probe] (pad) VALUES (@Pad)", new { Pad = new string('x', 2000) }, tx);
            }

            return 0;
        }, CancellationToken.None);
        Assert.That(db.Checkpointer.Runs, Is.Zero, "no tick yet");
        Assert.That(new FileInfo(temp.FilePath).Length, Is.LessThan(300 * 2000), "the commit left its pages in the WAL");

        time.Advance(TimeSpan.FromMilliseconds(300));
        for (var i = 0; i < 100 && db.Checkpointer.Runs == 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.That(db.Checkpointer.Runs, Is.EqualTo(1), "the tick after a commit checkpoints");
        Assert.That(new FileInfo(temp.FilePath).Length, Is.GreaterThan(300 * 2000), "the pages reached the database file");
        SqliteConnection.ClearAllPools();
        Assert.That(WalFrames(temp.FilePath), Is.Zero, "every WAL frame is in the database file");
    }
}
