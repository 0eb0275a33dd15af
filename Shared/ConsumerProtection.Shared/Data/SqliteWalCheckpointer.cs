using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Keeps a module file's WAL backfilled between commits. SQLite checkpoints inside the commit that pushes the WAL past
/// 1,000 pages (its autocheckpoint, left on: it bounds the WAL by design); that writer copies every page not yet in the
/// database file before its caller hears "committed". This timer runs a PASSIVE checkpoint (never blocks readers or
/// writers) shortly after writes — and every few seconds regardless — on its own connection, so an inline checkpoint
/// mostly finds its work done. Should the WAL still pass <see cref="RestartFrames"/> (a review reproduced unbounded
/// growth when the inline checkpoint was switched off and only racing PASSIVE passes ran), a second pass holds the
/// host's write turn so the next writer starts the WAL over, and <c>journal_size_limit</c> trims the file.
/// Durability is unchanged: commits still sync the WAL.
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

            // First without the write turn: copies what it can while commits go on. Only when the WAL has grown past
            // RestartFrames does a second pass hold the turn — by then nearly everything is copied, so the pause is short
            // — so that the next writer starts the WAL over.
            var frames = await CheckpointAsync();
            if (frames >= RestartFrames)
            {
                using var turn = await _enterWrite(CancellationToken.None);
                await CheckpointAsync();
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

    // 16,384 frames of 4 KiB: the WAL is started over once it passes ~64 MiB (journal_size_limit trims the file).
    internal const long RestartFrames = 16_384;

    // One PASSIVE checkpoint; returns the frames in the WAL. A reader still on an old snapshot can keep frames back,
    // so a checkpoint that could not copy everything leaves the file dirty for the next tick.
    private async Task<long> CheckpointAsync()
    {
        await using var connection = await _open(CancellationToken.None);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = _sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return 0;
        }

        var (log, copied) = (reader.GetInt64(1), reader.GetInt64(2));
        if (log != copied)
        {
            MarkDirty();
        }

        return log;
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
