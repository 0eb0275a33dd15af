using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>The rows of <see cref="ChainRow.Sql"/> in seq order, one at a time, for the verifier's walk.</summary>
internal interface IChainCursor
{
    ValueTask<bool> ReadAsync(CancellationToken ct);

    /// <summary>Reads the current row into <paramref name="row"/>; see <see cref="ChainRow.TryRead{TSource}"/>.</summary>
    long? TryRead(ChainRow row, long expectedSeq);

    void ReadSeqAndRowHash(ChainRow row);
}

/// <summary>Any ADO.NET reader (SQL Server, and tests that feed a DataTable).</summary>
internal sealed class ReaderChainCursor(DbDataReader reader) : IChainCursor
{
    public async ValueTask<bool> ReadAsync(CancellationToken ct) => await reader.ReadAsync(ct);

    public long? TryRead(ChainRow row, long expectedSeq) => ChainRow.TryRead(row, reader, static (r, source) => r.Read(source), expectedSeq);

    public void ReadSeqAndRowHash(ChainRow row) => row.ReadSeqAndRowHash(reader);
}

/// <summary>
/// SQLite's raw statement API over the connection's own handle (as the append path does): a step per row and column
/// bytes copied straight into the row (<see cref="SqliteColumns"/>), without Microsoft.Data.Sqlite's per-row reader work. Stepping is synchronous, as SQLite is.
/// </summary>
internal sealed class SqliteChainCursor : IChainCursor, IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly IntPtr _native;
    private bool _referenced;

    public SqliteChainCursor(SqliteConnection connection, long from, long to)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, ChainRow.Sql, out _stmt));
        Check(raw.sqlite3_bind_int64(_stmt, raw.sqlite3_bind_parameter_index(_stmt, "@From"), from));
        Check(raw.sqlite3_bind_int64(_stmt, raw.sqlite3_bind_parameter_index(_stmt, "@To"), to));
        // One reference for the whole walk keeps the native statement alive under the column calls (SqliteColumns).
        _stmt.DangerousAddRef(ref _referenced);
        _native = _stmt.DangerousGetHandle();
    }

    public ValueTask<bool> ReadAsync(CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var rc = raw.sqlite3_step(_stmt);
        return rc switch
        {
            raw.SQLITE_ROW => ValueTask.FromResult(true),
            raw.SQLITE_DONE => ValueTask.FromResult(false),
            _ => throw Error(rc),
        };
    }

    public long? TryRead(ChainRow row, long expectedSeq) => ChainRow.TryRead(row, _native, static (r, s) => r.ReadRaw(s), expectedSeq);

    public void ReadSeqAndRowHash(ChainRow row) => row.ReadSeqAndRowHash(_native);

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteException Error(int rc) =>
        new($"SQLite Error {rc}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", rc, raw.sqlite3_extended_errcode(_db));

    public void Dispose()
    {
        if (_referenced)
        {
            _stmt.DangerousRelease();
            _referenced = false;
        }

        _stmt.Dispose();
    }
}
