using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Shared.Tests.Data;

/// <summary>
/// <see cref="IModuleDb.QueryPreparedAsync{T}"/> on SQLite keeps one prepared statement per reader connection and text:
/// each call binds its own values (never the last caller's), returns every row in order, reads values stored with the
/// same conversions as Dapper's, and survives a row whose stored types differ from the first row's.
/// </summary>
public sealed class PreparedQueryTests
{
    private const string Select = "SELECT n AS N, label AS Label, at AS At FROM [kernel].[prepared_probe] WHERE n >= @From AND n < @To AND (@After IS NULL OR at > @After) ORDER BY n";

    private sealed class Row
    {
        public long N { get; init; }
        public string Label { get; init; } = "";
        public DateTimeOffset? At { get; init; }
    }

    [OneTimeSetUp]
    public void RegisterHandlers() => DapperTypeHandlers.Register(StorageProvider.Sqlite);

    [Test]
    public async Task Each_call_binds_its_own_values_and_returns_every_row_in_order()
    {
        using var temp = TempKernelDb.Create();
        await SeedAsync(temp.Db, 30);

        for (var from = 0; from < 25; from += 5)
        {
            var rows = await temp.Db.QueryPreparedAsync<Row>(Select, Args(from, from + 7, null), CancellationToken.None);
            Assert.That(rows.Select(r => r.N), Is.EqualTo(Enumerable.Range(from, 7).Select(i => (long)i)));
            Assert.That(rows.Select(r => r.Label), Is.EqualTo(Enumerable.Range(from, 7).Select(i => "row " + i)));
        }

        Assert.That(await temp.Db.QueryPreparedAsync<Row>(Select, Args(100, 200, null), CancellationToken.None), Is.Empty);
    }

    [Test]
    public async Task A_date_argument_compares_with_the_stored_form_Dapper_wrote()
    {
        using var temp = TempKernelDb.Create();
        await SeedAsync(temp.Db, 10);

        // Rows 0-9 were stored at Epoch + n hours through Dapper; rows after hour 6 are 7, 8, 9.
        var rows = await temp.Db.QueryPreparedAsync<Row>(Select, Args(0, 10, DateTimeOffset.UnixEpoch.AddHours(6)), CancellationToken.None);
        Assert.That(rows.Select(r => r.N), Is.EqualTo(new long[] { 7, 8, 9 }));
        Assert.That(rows[0].At, Is.EqualTo(DateTimeOffset.UnixEpoch.AddHours(7)));
    }

    [Test]
    public async Task Concurrent_callers_each_get_their_own_rows()
    {
        using var temp = TempKernelDb.Create();
        await SeedAsync(temp.Db, 200);

        // On pool threads, so that calls overlap and take readers from the idle set at the same time.
        var calls = Enumerable.Range(0, 64).Select(i => i % 190).Select(from => Task.Run(async () =>
            (From: from, Rows: await temp.Db.QueryPreparedAsync<Row>(Select, Args(from, from + 10, null), CancellationToken.None))));
        foreach (var (from, rows) in await Task.WhenAll(calls))
        {
            Assert.That(rows.Select(r => r.N), Is.EqualTo(Enumerable.Range(from, 10).Select(i => (long)i)), $"from {from}");
        }
    }

    [Test]
    public async Task Arguments_that_do_not_match_the_prepared_statement_are_refused()
    {
        using var temp = TempKernelDb.Create();
        await SeedAsync(temp.Db, 3);
        await temp.Db.QueryPreparedAsync<Row>(Select, Args(0, 3, null), CancellationToken.None);

        List<(string Name, object? Value)> reordered = [("To", 3L), ("From", 0L), ("After", null)];
        Assert.That(() => temp.Db.QueryPreparedAsync<Row>(Select, reordered, CancellationToken.None), Throws.InvalidOperationException);
        Assert.That(() => temp.Db.QueryPreparedAsync<Row>(Select, Args(0, 3, null).Take(2).ToList(), CancellationToken.None), Throws.InvalidOperationException);
        Assert.That((await temp.Db.QueryPreparedAsync<Row>(Select, Args(0, 3, null), CancellationToken.None)).Count, Is.EqualTo(3), "the reader still answers");
    }

    [Test]
    public async Task Many_texts_keep_at_most_the_statement_cap_prepared_per_reader()
    {
        using var temp = TempKernelDb.Create();
        await SeedAsync(temp.Db, 5);
        // More distinct texts than one reader keeps prepared: the oldest are closed, and every text still answers.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < SqlitePreparedReaders.MaxStatementsPerReader + 8; i++)
            {
                var rows = await temp.Db.QueryPreparedAsync<Row>(Select + " LIMIT " + (i + 1), Args(0, 5, null), CancellationToken.None);
                Assert.That(rows.Count, Is.EqualTo(Math.Min(i + 1, 5)));
            }
        }

        Assert.That(temp.Db.PreparedStatementCounts(), Has.All.LessThanOrEqualTo(SqlitePreparedReaders.MaxStatementsPerReader));
    }

    [Test]
    public async Task A_row_with_other_stored_types_than_the_first_is_still_read()
    {
        using var temp = TempKernelDb.Create();
        await SeedAsync(temp.Db, 3);
        // SQLite types values per row: a label stored as an integer in one row only (the column has no declared type,
        // so no affinity turns 42 back into text).
        await temp.Db.InTransactionAsync((c, tx) => c.ExecuteAsync("UPDATE [kernel].[prepared_probe] SET label = 42 WHERE n = 1", transaction: tx), CancellationToken.None);

        var first = await temp.Db.QueryPreparedAsync<Row>(Select, Args(0, 1, null), CancellationToken.None);
        var all = await temp.Db.QueryPreparedAsync<Row>(Select, Args(0, 3, null), CancellationToken.None);
        Assert.That(first.Single().Label, Is.EqualTo("row 0"));
        Assert.That(all.Select(r => r.Label), Is.EqualTo(new[] { "row 0", "42", "row 2" }));
    }

    private static List<(string Name, object? Value)> Args(long from, long to, DateTimeOffset? after) =>
        [("From", from), ("To", to), ("After", after)];

    private static Task SeedAsync(IModuleDb db, int count) =>
        db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync("CREATE TABLE [kernel].[prepared_probe] (n INTEGER PRIMARY KEY, label NOT NULL, at TEXT NULL)", transaction: tx);
            for (var i = 0; i < count; i++)
            {
                await c.ExecuteAsync("INSERT INTO [kernel].[prepared_probe] (n, label, at) VALUES (@N, @Label, @At)",
                    new { N = (long)i, Label = "row " + i, At = (DateTimeOffset?)DateTimeOffset.UnixEpoch.AddHours(i) }, tx);
            }

            return count;
        }, CancellationToken.None);
}
