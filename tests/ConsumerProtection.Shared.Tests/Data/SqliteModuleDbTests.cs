using Dapper;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Tests.Data;

// The SQLite module database on a freshly migrated temp folder: transactions, schema isolation.
internal sealed class SqliteModuleDbTests : KernelDbFixture
{
    private const string InsertState = "INSERT INTO [kernel].[kernel_state] (name, value) VALUES (@Name, @Value)";
    private const string CountState = "SELECT COUNT(*) FROM [kernel].[kernel_state] WHERE name = @Name";

    [Test]
    public void MigrateAll_FreshFolder_KernelFileWithNothingPending()
    {
        Assert.That(File.Exists(Kernel.FilePath), Is.True);
        Assert.That(Kernel.ScalarRaw("PRAGMA journal_mode"), Is.EqualTo("wal"));
        Assert.That(Kernel.Runner.PendingSchemas(), Is.Empty);
        Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('audit_log', 'api_key', 'calendar_day')"), Is.EqualTo(3));
    }

    [Test]
    public async Task InTransactionAsync_WorkCompletes_Committed()
    {
        await Kernel.Db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(new CommandDefinition(InsertState, new { Name = "n1", Value = "v1" }, tx)), CancellationToken.None);

        var count = await Kernel.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(CountState, new { Name = "n1" }), CancellationToken.None);
        Assert.That(count, Is.EqualTo(1));
        // Stored in the module's own file, not in the connection's private in-memory main database.
        Assert.That(Kernel.ScalarRaw("SELECT value FROM kernel_state WHERE name = 'n1'"), Is.EqualTo("v1"));
    }

    [Test]
    public async Task InTransactionAsync_WorkThrows_RolledBack()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Kernel.Db.InTransactionAsync<int>(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(InsertState, new { Name = "n2", Value = "v2" }, tx));
            throw new InvalidOperationException("boom");
        }, CancellationToken.None));

        Assert.That(thrown!.Message, Is.EqualTo("boom"));
        var count = await Kernel.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(CountState, new { Name = "n2" }), CancellationToken.None);
        Assert.That(count, Is.Zero);
        Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM kernel_state"), Is.Zero);
    }

    [Test]
    public async Task OpenAsync_OwnSchemaTable_Resolves()
    {
        await using var connection = await Kernel.Db.OpenAsync(CancellationToken.None);

        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM [kernel].[api_key]"), Is.Zero);
    }

    [Test]
    public async Task OpenAsync_OtherSchemaTable_Fails()
    {
        await using var connection = await Kernel.Db.OpenAsync(CancellationToken.None);

        var ex = await Assert.ThrowsAsync<SqliteException>(() => connection.ExecuteScalarAsync<long>("SELECT 1 FROM [complaints].[x]"));
        Assert.That(ex!.Message, Does.Contain("complaints"));
    }

    [Test]
    public async Task OpenAsync_Sequential_ReusesThePooledPhysicalConnection()
    {
        // Re-opening must not create a new SQLite handle (and re-attach the module file) on every request.
        object first;
        await using (var connection = await Kernel.Db.OpenAsync(CancellationToken.None))
        {
            first = ((SqliteConnection)connection).Handle!;
        }

        await using var again = await Kernel.Db.OpenAsync(CancellationToken.None);
        Assert.That(((SqliteConnection)again).Handle, Is.SameAs(first));
    }

    [Test]
    public async Task QueryFirstPreparedAsync_SeesLaterWrites_BindsTypedValues_MissIsNull()
    {
        const string sql = "SELECT value FROM [kernel].[kernel_state] WHERE name = @Name AND @At > '2000'";
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.That(await Kernel.Db.QueryFirstPreparedAsync<string>(sql, [("Name", "k"), ("At", at)], CancellationToken.None), Is.Null);
        await Kernel.Db.InTransactionAsync((c, tx) => c.ExecuteAsync("INSERT INTO [kernel].[kernel_state] (name, value) VALUES ('k', 'v1')", transaction: tx), CancellationToken.None);
        Assert.That(await Kernel.Db.QueryFirstPreparedAsync<string>(sql, [("Name", "k"), ("At", at)], CancellationToken.None), Is.EqualTo("v1"));
        // The statement stays prepared on a kept reader; a change made afterwards is still seen.
        await Kernel.Db.InTransactionAsync((c, tx) => c.ExecuteAsync("UPDATE [kernel].[kernel_state] SET value = 'v2' WHERE name = 'k'", transaction: tx), CancellationToken.None);
        Assert.That(await Kernel.Db.QueryFirstPreparedAsync<string>(sql, [("Name", "k"), ("At", at)], CancellationToken.None), Is.EqualTo("v2"));
        var id = Guid.NewGuid();
        await Kernel.Db.InTransactionAsync((c, tx) => c.ExecuteAsync("INSERT INTO [kernel].[kernel_state] (name, value) VALUES (@Id, 'guid')", new { Id = id }, tx), CancellationToken.None);
        Assert.That(await Kernel.Db.QueryFirstPreparedAsync<string>("SELECT value FROM [kernel].[kernel_state] WHERE name = @Id", [("Id", id)], CancellationToken.None), Is.EqualTo("guid"));
    }

    [Test]
    public async Task QueryFirstPreparedAsync_RowStoredWithOtherTypesThanTheCachedParserExpects_IsStillRead()
    {
        // The row parser is cached per statement; SQLite types values per row (an untyped column keeps what it is given).
        await Kernel.Db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("CREATE TABLE [kernel].[mixed_values] (k TEXT PRIMARY KEY, v)", transaction: tx);
            return await c.ExecuteAsync("INSERT INTO [kernel].[mixed_values] (k, v) VALUES ('int', 1), ('real', 2.5), ('null', NULL)", transaction: tx);
        }, CancellationToken.None);
        const string sql = "SELECT v AS V FROM [kernel].[mixed_values] WHERE k = @K";

        var asInteger = await Kernel.Db.QueryFirstPreparedAsync<MixedRow>(sql, [("K", "int")], CancellationToken.None);
        var asReal = await Kernel.Db.QueryFirstPreparedAsync<MixedRow>(sql, [("K", "real")], CancellationToken.None);
        var asNull = await Kernel.Db.QueryFirstPreparedAsync<MixedRow>(sql, [("K", "null")], CancellationToken.None);
        var again = await Kernel.Db.QueryFirstPreparedAsync<MixedRow>(sql, [("K", "int")], CancellationToken.None);

        Assert.That(asInteger!.V, Is.EqualTo(1.0));
        Assert.That(asReal!.V, Is.EqualTo(2.5));
        Assert.That(asNull!.V, Is.Null);
        Assert.That(again!.V, Is.EqualTo(1.0));
    }

    private sealed class MixedRow
    {
        public double? V { get; set; }
    }

    [Test]
    public async Task OpenAsync_ManyOpensOnPooledConnections_AttachedOnce()
    {
        // A pooled physical connection keeps its attachment; re-attaching would fail with "already in use".
        for (var i = 0; i < 5; i++)
        {
            await using var connection = await Kernel.Db.OpenAsync(CancellationToken.None);
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM [kernel].[kernel_state]"), Is.Zero);
        }
    }

    [Test]
    public async Task OpenAsync_TwoDatabasesForSameSchemaInOneProcess_EachUsesItsOwnFile()
    {
        // Two hosts in one process (e.g. two WebApplicationFactory instances on fresh folders) must not share files.
        using var other = TempKernelDb.Create();
        await Kernel.Db.InTransactionAsync(
            (c, tx) => c.ExecuteAsync(new CommandDefinition(InsertState, new { Name = "mine", Value = "v" }, tx)), CancellationToken.None);

        var seenByOther = await other.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(CountState, new { Name = "mine" }), CancellationToken.None);
        var seenByOwner = await Kernel.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(CountState, new { Name = "mine" }), CancellationToken.None);

        Assert.That(seenByOther, Is.Zero);
        Assert.That(seenByOwner, Is.EqualTo(1));
    }
}
