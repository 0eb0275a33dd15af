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
internal sealed class SqliteModuleDb : ModuleDb
{
    private static int _instances;
    private readonly string _connectionString;
    private readonly string _attachSql;
    private readonly ConditionalWeakTable<object, object> _attached = new();

    public SqliteModuleDb(string schema, string filePath, ResiliencePipeline pipeline)
        : base(schema, SqlDialect.Sqlite, pipeline)
    {
        FilePath = filePath;
        // A distinct in-memory main database per instance gives each module database its own connection pool, so a
        // pooled handle is only reused by the instance that attached it (two hosts in one process must not share one).
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"file:cp_{schema}_{Interlocked.Increment(ref _instances)}?mode=memory",
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        // Identifiers cannot be parameters; the schema name comes from code (validated module schema), never input.
        _attachSql = $"""
            ATTACH DATABASE @path AS "{schema}";
            PRAGMA "{schema}".synchronous = FULL;
            PRAGMA busy_timeout = 10000;
            PRAGMA foreign_keys = ON;
            """;
    }

    public string FilePath { get; }

    public override async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            var handle = connection.Handle!;
            if (!_attached.TryGetValue(handle, out _))
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = _attachSql;
                cmd.Parameters.AddWithValue("@path", FilePath);
                await cmd.ExecuteNonQueryAsync(ct);
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
