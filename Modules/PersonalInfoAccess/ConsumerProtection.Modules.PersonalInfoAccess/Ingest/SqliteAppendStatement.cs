using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

/// <summary>
/// The SQLite insert of <see cref="EventAppender"/> on the raw statement API: prepared once per append, bound by index,
/// stepped and reset per row. Microsoft.Data.Sqlite's command path costs several microseconds per execution (reader
/// objects, parameter lookup by name); this is the hot loop of every ingest, so it talks to SQLite directly. It runs
/// on the connection's own handle, so it is inside the caller's transaction. Errors surface as
/// <see cref="SqliteException"/> with SQLite's code, so the retry policy still sees SQLITE_BUSY.
/// </summary>
internal sealed class SqliteAppendStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    public SqliteAppendStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    public void Int64(int index, long value) => Check(raw.sqlite3_bind_int64(_stmt, index, value));

    public void Text(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_stmt, index) : raw.sqlite3_bind_text(_stmt, index, value));

    public void Blob(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_stmt, index, value));

    /// <summary>Runs the insert with the bound values; returns the number of rows inserted (0 on an ignored conflict).</summary>
    public int Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        var changes = raw.sqlite3_changes(_db);
        raw.sqlite3_reset(_stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Throw(rc);
        }

        return changes;
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            Throw(rc);
        }
    }

    private void Throw(int rc) =>
        throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));

    public void Dispose() => _stmt.Dispose();
}
