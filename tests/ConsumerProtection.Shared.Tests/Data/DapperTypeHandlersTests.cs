using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Shared.Tests.Data;

// Round trips through the SQLite handlers, and the text they store (checked with a plain connection).
internal sealed class DapperTypeHandlersTests : KernelDbFixture
{
    private const string InsertKey = """
        INSERT INTO [kernel].[api_key] (id, name, key_hash, key_prefix, roles, branch_id, expires_at, created_at, created_by)
        VALUES (@Id, @Name, @Name, 'cpk_', 'Admin', NULL, @ExpiresAt, @CreatedAt, 'test')
        """;

    private static readonly DateTimeOffset LateEveningShanghai =
        new DateTimeOffset(2025, 9, 30, 23, 30, 0, TimeSpan.FromHours(8)).AddTicks(1234567);

    private sealed class KeyRow
    {
        public Guid Id { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
    }

    private Task InsertKeyAsync(Guid id, DateTimeOffset createdAt, DateTimeOffset? expiresAt = null) =>
        Kernel.Db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            InsertKey, new { Id = id, Name = id.ToString("N"), CreatedAt = createdAt, ExpiresAt = expiresAt }, tx)), CancellationToken.None);

    private Task<KeyRow> ReadKeyAsync(Guid id) =>
        Kernel.Db.ReadAsync(c => c.QuerySingleAsync<KeyRow>(
            "SELECT id AS Id, created_at AS CreatedAt, expires_at AS ExpiresAt FROM [kernel].[api_key] WHERE id = @Id", new { Id = id }),
            CancellationToken.None);

    [Test]
    public async Task GuidAndInstant_WrittenAndRead_RoundTrip()
    {
        var id = Guid.CreateVersion7();
        await InsertKeyAsync(id, LateEveningShanghai, LateEveningShanghai.AddYears(1));

        var row = await ReadKeyAsync(id);

        Assert.That(row.Id, Is.EqualTo(id));
        Assert.That(row.CreatedAt, Is.EqualTo(LateEveningShanghai), "same instant, to the tick");
        Assert.That(row.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero), "read back as UTC");
        Assert.That(row.ExpiresAt, Is.EqualTo(LateEveningShanghai.AddYears(1)));
    }

    [Test]
    public async Task NullableInstant_Null_RoundTripsAsNull()
    {
        var id = Guid.CreateVersion7();
        await InsertKeyAsync(id, LateEveningShanghai);

        Assert.That((await ReadKeyAsync(id)).ExpiresAt, Is.Null);
        Assert.That(Kernel.ScalarRaw("SELECT expires_at FROM api_key"), Is.EqualTo(DBNull.Value));
    }

    [Test]
    public async Task GuidAndInstant_Stored_LowerCaseIdAndFixedWidthUtcText()
    {
        var id = Guid.CreateVersion7();
        await InsertKeyAsync(id, LateEveningShanghai);

        Assert.That(Kernel.ScalarRaw("SELECT id FROM api_key"), Is.EqualTo(id.ToString("D")).And.Match("^[0-9a-f-]{36}$"));
        Assert.That(Kernel.ScalarRaw("SELECT created_at FROM api_key"), Is.EqualTo("2025-09-30T15:30:00.1234567Z"));
    }

    [Test]
    public async Task Instant_StoredText_TextOrderIsTimeOrder()
    {
        // Local text would sort 23:30+08:00 after 16:00Z; as fixed-width UTC it sorts before (15:30Z).
        DateTimeOffset[] instants =
        [
            new(2025, 9, 30, 16, 0, 0, TimeSpan.Zero),
            LateEveningShanghai,
            new DateTimeOffset(2025, 9, 30, 15, 30, 0, TimeSpan.Zero).AddTicks(5000000),
            new(2025, 10, 1, 0, 0, 0, TimeSpan.FromHours(-5)),
        ];
        foreach (var at in instants)
        {
            await InsertKeyAsync(Guid.CreateVersion7(), at);
        }

        var stored = await Kernel.Db.ReadAsync(
            c => c.QueryAsync<string>("SELECT created_at FROM [kernel].[api_key] ORDER BY created_at"), CancellationToken.None);

        Assert.That(stored.Select(s => s.Length).Distinct(), Is.EqualTo(new[] { 28 }));
        Assert.That(stored, Is.EqualTo(instants.Order().Select(DapperTypeHandlers.ToSqliteText)));
    }

    [Test]
    public async Task DateOnly_WrittenAndRead_RoundTripsAsIsoDateText()
    {
        var day = new DateOnly(2025, 10, 1);
        await Kernel.Db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO [kernel].[calendar_day] (day, kind, name) VALUES (@Day, 'Holiday', 'National Day')", new { Day = day }, tx)),
            CancellationToken.None);

        var read = await Kernel.Db.ReadAsync(
            c => c.QuerySingleAsync<DateOnly>("SELECT day FROM [kernel].[calendar_day] WHERE day = @Day", new { Day = day }),
            CancellationToken.None);

        Assert.That(read, Is.EqualTo(day));
        Assert.That(Kernel.ScalarRaw("SELECT day FROM calendar_day"), Is.EqualTo("2025-10-01"));
    }

    [Test]
    public async Task StoredValues_GiveRawCommandsTheFormsDapperStores()
    {
        // Bulk seeding and the access-log append bind values by hand: they must store what the handlers store.
        var id = Guid.CreateVersion7();
        var day = new DateOnly(2025, 10, 2);
        await InsertKeyAsync(id, LateEveningShanghai);
        await Kernel.Db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(
            "INSERT INTO [kernel].[calendar_day] (day, kind, name) VALUES (@Day, 'Holiday', 'National Day')", new { Day = day }, tx)),
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(StoredValues.For(StorageProvider.Sqlite, id), Is.EqualTo(Kernel.ScalarRaw("SELECT id FROM api_key")));
            Assert.That(StoredValues.For(StorageProvider.Sqlite, LateEveningShanghai), Is.EqualTo(Kernel.ScalarRaw("SELECT created_at FROM api_key")));
            Assert.That(StoredValues.For(StorageProvider.Sqlite, day), Is.EqualTo(Kernel.ScalarRaw("SELECT day FROM calendar_day WHERE name = 'National Day'")));
            Assert.That(StoredValues.For(StorageProvider.Sqlite, null), Is.EqualTo(DBNull.Value));
            Assert.That(StoredValues.For(StorageProvider.Sqlite, 42L), Is.EqualTo(42L));
            Assert.That(StoredValues.For(StorageProvider.SqlServer, id), Is.EqualTo(id), "SQL Server stores ids natively");
            Assert.That(StoredValues.For(StorageProvider.SqlServer, LateEveningShanghai), Is.EqualTo(LateEveningShanghai));
            Assert.That(StoredValues.For(StorageProvider.SqlServer, day), Is.EqualTo(new DateTime(2025, 10, 2)), "a date column takes a midnight DateTime");
            Assert.That(DapperTypeHandlers.ToSqliteText(LateEveningShanghai), Is.EqualTo(StoredValues.SqliteText(LateEveningShanghai)));
        });
    }
}
