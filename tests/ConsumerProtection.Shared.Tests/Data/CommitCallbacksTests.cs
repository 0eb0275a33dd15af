using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace ConsumerProtection.Shared.Tests.Data;

/// <summary>After-commit work (metrics, notifications) runs once a unit of work committed, never for one that rolled back.</summary>
public sealed class CommitCallbacksTests
{
    [Test]
    public async Task Callback_RunsAfterCommit_NotForARolledBackUnit()
    {
        using var temp = TempKernelDb.Create();
        using var db = new SqliteModuleDb("kernel", temp.FilePath, ResiliencePipeline.Empty, 0, new FakeTimeProvider());
        var ran = new List<string>();

        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS [kernel].[callback_probe] (id INTEGER PRIMARY KEY)", transaction: tx);
            CommitCallbacks.AfterCommit(tx, () => ran.Add("committed"));
            Assert.That(ran, Is.Empty, "nothing runs before the commit");
            return 0;
        }, CancellationToken.None);

        await Assert.ThatAsync(() => db.InTransactionAsync<int>(async (c, tx) =>
        {
            await c.ExecuteAsync("INSERT INTO [kernel].[callback_probe] (id) VALUES (1)", transaction: tx);
            CommitCallbacks.AfterCommit(tx, () => ran.Add("rolled back"));
            throw new InvalidOperationException("the unit fails before its commit");
        }, CancellationToken.None), Throws.InvalidOperationException);

        await db.InTransactionAsync((c, tx) =>
        {
            CommitCallbacks.AfterCommit(tx, () => throw new InvalidOperationException("a failing callback"));
            CommitCallbacks.AfterCommit(tx, () => ran.Add("after a failing one"));
            return Task.FromResult(0);
        }, CancellationToken.None);

        Assert.That(ran, Is.EqualTo(new[] { "committed", "after a failing one" }));
    }
}
