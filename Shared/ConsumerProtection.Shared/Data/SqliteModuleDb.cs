using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Polly;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// SQLite: each module's data lives in its own file, attached to the connection under the schema name,
/// so <c>[complaints].[complaint]</c> resolves and another module's schema does not. The main database is a
/// private in-memory one. Pooled physical connections keep their attachment, so we attach once per handle.
/// </summary>
internal sealed class SqliteModuleDb : ModuleDb, IDisposable
{
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly string _attachSql;
    private readonly string _writerAttachSql;
    private readonly ConditionalWeakTable<object, object> _attached = new();

    // cacheMiB: SQLite's page cache of each pooled read connection (0: SQLite's default); writerCacheMiB: the cache of
    // the write connections (0: SQLite's default; below 0: the same as the readers').
    public SqliteModuleDb(string schema, string filePath, ResiliencePipeline pipeline, int cacheMiB = 0, TimeProvider? time = null, int writerCacheMiB = -1)
        : base(schema, SqlDialect.Sqlite, pipeline)
    {
        _checkpointer = new SqliteWalCheckpointer(schema, OpenAsync, EnterWriteAsync, time ?? TimeProvider.System, TimeSpan.FromMilliseconds(250));
        FilePath = filePath;
        // A distinct in-memory main database per module file gives each module (and each data folder, when
        // several hosts share a process, as in tests) its own connection pool. Write transactions get a pool of
        // their own (a different name): writes queue on this host's write gate, so that pool holds about one
        // connection, whose larger cache keeps the index pages the next commit touches. Read connections keep a
        // small cache, since a read connection drops its cache whenever another connection has committed (WAL) and
        // with one cache per pooled connection a large one mostly cost memory (ADR 0009).
        var fileKey = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(filePath)))[..16];
        _connectionString = ConnectionString($"file:cp_{schema}_{fileKey}?mode=memory");
        _writerConnectionString = ConnectionString($"file:cp_{schema}_{fileKey}_w?mode=memory");
        _attachSql = AttachSql(schema, cacheMiB);
        _writerAttachSql = AttachSql(schema, writerCacheMiB < 0 ? cacheMiB : writerCacheMiB);
    }

    private static string ConnectionString(string dataSource) => new SqliteConnectionStringBuilder
    {
        DataSource = dataSource,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    // Identifiers cannot be parameters; the schema name comes from code (validated module schema), never input.
    private static string AttachSql(string schema, int cacheMiB) => $"""
        ATTACH DATABASE @path AS "{schema}";
        PRAGMA "{schema}".synchronous = FULL;
        {(cacheMiB > 0 ? $"PRAGMA \"{schema}\".cache_size = -{cacheMiB * 1024};" : "")}
        PRAGMA busy_timeout = 10000;
        PRAGMA "{schema}".journal_size_limit = 67108864;
        PRAGMA foreign_keys = ON;
        """;

    public string FilePath { get; }

    private SqlitePreparedReaders? _readers;
    private readonly SqliteWalCheckpointer _checkpointer;

    /// <summary>The background WAL checkpointer of this file.</summary>
    internal SqliteWalCheckpointer Checkpointer => _checkpointer;

    protected override void OnCommitted() => _checkpointer.MarkDirty();

    // SQLite runs one write transaction per file at a time. Queueing this host's writers in-process hands the lock
    // over directly instead of letting them collide and sleep in SQLite's busy handler (measured: 32 concurrent
    // creators spent most of their time there). Transactions on this db must not nest.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    protected override async ValueTask<IDisposable?> EnterWriteAsync(CancellationToken ct)
    {
        if (!await _writeGate.WaitAsync(TimeSpan.FromSeconds(30), ct))
        {
            throw new TimeoutException($"Waited 30 s for a write turn on schema {Schema}.");
        }

        return new Release(_writeGate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    public override Task<T?> QueryFirstPreparedAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct) where T : default
    {
        var readers = Readers;
        return Pipeline.ExecuteAsync(async token => await readers.QueryFirstAsync<T>(sql, args, token), ct).AsTask();
    }

    public override Task<IReadOnlyList<T>> QueryPreparedAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct)
    {
        var readers = Readers;
        return Pipeline.ExecuteAsync(async token => await readers.QueryAsync<T>(sql, args, token), ct).AsTask();
    }

    /// <summary>How many statements each idle prepared reader holds (for tests).</summary>
    internal IReadOnlyList<int> PreparedStatementCounts() => _readers?.PreparedCounts() ?? [];

    private SqlitePreparedReaders Readers =>
        LazyInitializer.EnsureInitialized(ref _readers, () => new SqlitePreparedReaders(async token => (SqliteConnection)await OpenAsync(token)));

    public void Dispose()
    {
        _checkpointer.Dispose();
        _readers?.Dispose();
    }

    private async Task AttachAsync(SqliteConnection connection, string attachSql, CancellationToken ct)
    {
        // A pooled handle may already carry the attachment (made by another instance for the same file).
        await using (var probe = connection.CreateCommand())
        {
            probe.CommandText = "SELECT file FROM pragma_database_list WHERE name = @schema";
            probe.Parameters.AddWithValue("@schema", Schema);
            if (await probe.ExecuteScalarAsync(ct) is string attached)
            {
                if (!string.Equals(Path.GetFullPath(attached), FilePath, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Schema {Schema} is attached to another file on this connection.");
                }

                return;
            }
        }

        // Created owner-only on first use, not when the service is built: resolving a module's services (the CLI does,
        // to list seeders) must not create an empty file that InstallationGuard would then take for a damaged one.
        SqliteFiles.EnsurePrivateFile(FilePath);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = attachSql;
        cmd.Parameters.AddWithValue("@path", FilePath);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public override Task<DbConnection> OpenAsync(CancellationToken ct) => OpenAsync(_connectionString, _attachSql, ct);

    protected override Task<DbConnection> OpenForWriteAsync(CancellationToken ct) => OpenAsync(_writerConnectionString, _writerAttachSql, ct);

    private async Task<DbConnection> OpenAsync(string connectionString, string attachSql, CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            var handle = connection.Handle!;
            if (!_attached.TryGetValue(handle, out _))
            {
                await AttachAsync(connection, attachSql, ct);
                _attached.AddOrUpdate(handle, true);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
