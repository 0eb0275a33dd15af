using System.Diagnostics.Metrics;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Modules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Operations;

/// <summary>
/// Gauges read when the metrics are collected (a Prometheus scrape, an OTLP export), not counted in module code:
/// the SQLite WAL size per module file, each outbox's depth and the age of its oldest pending message, and which job
/// leases this host holds. Attributes are schema, outbox and job names only. Started as a hosted service so the
/// instruments exist from start-up; the verbs, which start no hosted services, publish none.
/// </summary>
public sealed class OperationalGauges : IHostedService
{
    /// <summary>How long one collection may wait for an outbox read before that outbox is left out of it.</summary>
    public static readonly TimeSpan ReadBound = TimeSpan.FromSeconds(2);

    private readonly StorageOptions _storage;
    private readonly ModuleCatalog _catalog;
    private readonly IOutboxProbe[] _outboxes;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private (long Stamp, IReadOnlyList<(string Name, OutboxState State)> States) _lastRead = (long.MinValue, []);

    /// <summary>The gauges' meter; one per host (service provider), so a host's callbacks end with it.</summary>
    public const string MeterName = "ConsumerProtection.Operations";

    public OperationalGauges(
        StorageOptions storage, ModuleCatalog catalog, IEnumerable<IOutboxProbe> outboxes, TimeProvider time, IMeterFactory meters, ILogger<OperationalGauges> logger)
    {
        _storage = storage;
        _catalog = catalog;
        _outboxes = [.. outboxes];
        _time = time;
        _logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("cp.sqlite.wal.size", WalSizes, "By", "Size of each module file's write-ahead log (SQLite only).");
        meter.CreateObservableGauge("cp.outbox.depth", () => Outboxes().Select(o => new Measurement<long>(o.State.Pending, Tag("cp.outbox", o.Name))),
            "{message}", "Messages waiting in each outbox.");
        meter.CreateObservableGauge("cp.outbox.age", () => Outboxes().Select(o => new Measurement<double>(AgeSeconds(o.State), Tag("cp.outbox", o.Name))),
            "s", "Age of each outbox's oldest pending message (0 when empty).");
        meter.CreateObservableGauge("cp.jobs.lease.held", () => JobLeases.Snapshot().Select(j => new Measurement<int>(j.Value > 0 ? 1 : 0, Tag("cp.job", j.Key))),
            "{lease}", "1 while this host holds the job's lease (runs it), else 0.");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);

    private IEnumerable<Measurement<long>> WalSizes()
    {
        if (_storage.Provider != StorageProvider.Sqlite)
        {
            yield break;
        }

        foreach (var schema in _catalog.Schemas)
        {
            var wal = new FileInfo(SqliteFiles.PathFor(_storage, schema) + "-wal");
            yield return new Measurement<long>(wal.Exists ? wal.Length : 0, Tag("db.namespace", schema));
        }
    }

    private double AgeSeconds(OutboxState state) =>
        state.OldestPendingSince is { } since ? Math.Max(0, (_time.GetUtcNow() - since).TotalSeconds) : 0;

    // Depth and age come from one read per collection: both callbacks of one scrape run within a second of each other.
    private IReadOnlyList<(string Name, OutboxState State)> Outboxes()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_lastRead.Stamp, now) < TimeSpan.FromSeconds(1) && _lastRead.Stamp != long.MinValue)
            {
                return _lastRead.States;
            }

            var states = new List<(string, OutboxState)>();
            foreach (var outbox in _outboxes)
            {
                try
                {
                    using var bound = new CancellationTokenSource(ReadBound);
                    // Collection callbacks are synchronous; the read is one small indexed count on the module's file.
                    states.Add((outbox.Name, outbox.ReadAsync(bound.Token).GetAwaiter().GetResult()));
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _logger.LogWarning(ex, "Outbox {Outbox} could not be read for metrics", outbox.Name);
                }
            }

            _lastRead = (now, states);
            return states;
        }
    }
}
