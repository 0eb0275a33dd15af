using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Moves WAL checkpoints off the commit path. By default SQLite checkpoints inside the commit that pushes the WAL past
/// 1,000 pages: that writer copies every page into the database file and syncs it before its caller hears "committed",
/// a latency spike for whoever is unlucky (and, with group commit, for a whole group). Connections of a module file
/// therefore run with <c>wal_autocheckpoint = 0</c>, and this timer runs a PASSIVE checkpoint (never blocks readers or
/// the writer) shortly after writes — and every few seconds regardless — on its own connection. Durability is unchanged: commits still sync the WAL.
/// </summary>
internal sealed class SqliteWalCheckpointer : IDisposable
{
    private readonly Func<CancellationToken, Task<DbConnection>> _open;
    private readonly string _sql;
    private readonly ITimer _timer;
    private int _dirty;
    private int _running;
    private int _ticks;

    // Writes that bypass InTransactionAsync do not mark the file dirty; every this many ticks it is checkpointed anyway
    // (a PASSIVE checkpoint of an already checkpointed WAL does nothing).
    private const int UnconditionalEvery = 20;

    public SqliteWalCheckpointer(string schema, Func<CancellationToken, Task<DbConnection>> open, TimeProvider time, TimeSpan interval)
    {
        _open = open;
        // The schema name comes from code (a validated module schema), never input.
        _sql = $"PRAGMA \"{schema}\".wal_checkpoint(PASSIVE)";
        _interval = interval;
        // One-shot, re-armed after each tick: a periodic timer on a fake clock advanced by years would fire once per
        // period in between.
        _timer = time.CreateTimer(_ => _ = TickAsync(), null, interval, Timeout.InfiniteTimeSpan);
    }

    private readonly TimeSpan _interval;
    private volatile bool _disposed;

    private async Task TickAsync()
    {
        try
        {
            await RunAsync();
        }
        finally
        {
            if (!_disposed)
            {
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Checkpoints completed so far (for tests and diagnostics).</summary>
    public long Runs => Interlocked.Read(ref _runs);

    private long _runs;

    /// <summary>Notes that a write committed: the next tick checkpoints.</summary>
    public void MarkDirty() => Volatile.Write(ref _dirty, 1);

    internal async Task RunAsync()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (Interlocked.Exchange(ref _dirty, 0) == 0 && Interlocked.Increment(ref _ticks) % UnconditionalEvery != 0)
            {
                return;
            }

            await using var connection = await _open(CancellationToken.None);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = _sql;
            await cmd.ExecuteNonQueryAsync();
            Interlocked.Increment(ref _runs);
        }
        catch (SqliteException)
        {
            // Busy or interrupted: the WAL stays valid; try again on the next tick.
            MarkDirty();
        }
        catch (ObjectDisposedException)
        {
            // Shutting down.
        }
        catch (InvalidOperationException)
        {
            // Shutting down (the pool or file went away).
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
