using System.Collections.Concurrent;
using Microsoft.Data.SqlClient;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// Lets one host at a time run a background job. SQL Server: a session-owned <c>sp_getapplock</c> held on a
/// dedicated connection for the run, so hosts sharing a database never run the same job together and a crashed
/// host's lock goes with its connection. SQLite: one host owns the files, so an in-process lock suffices.
/// </summary>
public interface IJobLease
{
    /// <summary>Tries to take the lease named <paramref name="job"/>; null when another runner holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct);
}

internal sealed class InProcessJobLease : IJobLease
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(job, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(0, ct) ? new Releaser(gate) : null;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed class SqlServerJobLease(StorageOptions storage) : IJobLease
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string job, CancellationToken ct)
    {
        var connection = new SqlConnection(storage.SqlServerConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new SqlCommand(SqlServerStatements.GetAppLock, connection);
        cmd.Parameters.AddWithValue("@resource", "cp-job:" + job);
        var result = (int)(await cmd.ExecuteScalarAsync(ct))!;
        if (result < 0)
        {
            await connection.DisposeAsync();
            return null;
        }

        return new Lease(connection, job);
    }

    private sealed class Lease(SqlConnection connection, string job) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new SqlCommand(SqlServerStatements.ReleaseAppLock, connection);
                cmd.Parameters.AddWithValue("@resource", "cp-job:" + job);
                await cmd.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}

/// <summary>
/// The leases this process holds right now, by job, for the <c>cp.jobs.lease.held</c> gauge (1 while this host runs the
/// job, else 0; summed over hosts it names the holder). Jobs appear once they first tried for their lease.
/// </summary>
internal static class JobLeases
{
    private static readonly ConcurrentDictionary<string, int> Held = new(StringComparer.Ordinal);

    public static void Known(string job) => Held.TryAdd(job, 0);

    public static IDisposable Hold(string job)
    {
        Held.AddOrUpdate(job, 1, (_, n) => n + 1);
        return new Release(job);
    }

    public static IReadOnlyList<KeyValuePair<string, int>> Snapshot() => [.. Held];

    private sealed class Release(string job) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Held.AddOrUpdate(job, 0, (_, n) => Math.Max(0, n - 1));
            }
        }
    }
}
