using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Moves WAL checkpoints off the commit path. By default SQLite checkpoints inside the commit that pushes the WAL past
/// 1,000 pages: that writer copies every page into the database file and syncs it before its caller hears "committed",
/// a latency spike for whoever is unlucky (and, with group commit, for a whole group). Connections of a module file
/// therefore run with <c>wal_autocheckpoint = 0</c>, and this timer checkpoints shortly after writes — and every few
/// seconds regardless — on its own connection, holding the host's write turn: SQLite starts the WAL over only when a
/// writer begins after a checkpoint copied all of it, so a checkpoint racing steady writes (PASSIVE, no turn) let the
/// WAL grow without bound (a review reproduced 2.7 GiB in 12 s). With the turn held no commit lands mid-copy, the next
/// writer restarts the WAL, and <c>journal_size_limit</c> trims the file. Durability is unchanged: commits still sync
/// the WAL. Readers are never blocked.
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

    public SqliteWalCheckpointer(
        string schema, Func<CancellationToken, Task<DbConnection>> open, Func<CancellationToken, ValueTask<IDisposable?>> enterWrite,
        TimeProvider time, TimeSpan interval)
    {
        _open = open;
        _enterWrite = enterWrite;
        // The schema name comes from code (a validated module schema), never input.
        _sql = $"PRAGMA \"{schema}\".wal_checkpoint(PASSIVE)";
        _interval = interval;
        // One-shot, re-armed after each tick: a periodic timer on a fake clock advanced by years would fire once per
        // period in between.
        _timer = time.CreateTimer(_ => _ = TickAsync(), null, interval, Timeout.InfiniteTimeSpan);
    }

    private readonly TimeSpan _interval;
    private readonly Func<CancellationToken, ValueTask<IDisposable?>> _enterWrite;
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

            using var turn = await _enterWrite(CancellationToken.None);
            await using var connection = await _open(CancellationToken.None);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = _sql;
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                // (busy, frames in the WAL, frames copied): a reader still on an old snapshot can keep frames back; try
                // again on the next tick rather than wait for it.
                if (await reader.ReadAsync() && reader.GetInt64(0) == 0 && reader.GetInt64(1) != reader.GetInt64(2))
                {
                    MarkDirty();
                }
            }

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
        catch (TimeoutException)
        {
            // The write turn stayed busy; the next tick tries again.
            MarkDirty();
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
