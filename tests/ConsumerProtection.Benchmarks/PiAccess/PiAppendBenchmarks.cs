using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConsumerProtection.Modules.PersonalInfoAccess;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Modules.PersonalInfoAccess.Ingest;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Modules;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace ConsumerProtection.Benchmarks.PiAccess;

/// <summary>
/// Issue 4 §8: in-process chained append in batches of 1,000 — one committed transaction (SQLite WAL,
/// synchronous=FULL) per operation, through the same <see cref="EventAppender"/> the group-commit writer uses, on a
/// file that grows across iterations. EventsPerSec = 1,000 / mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EventsPerSecondConfig))]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class PiAppendBenchmarks
{
    public const int BatchSize = 1000;

    private string _dir = "";
    private SqliteModuleDb _db = null!;
    private EventAppender _appender = null!;
    private AccessEvent[] _templates = [];
    private int _customer;

    [GlobalSetup]
    public void Setup()
    {
        _dir = ExistingDirectory ?? Path.Combine(Path.GetTempPath(), "cp-bench-pi-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(_dir);
        var storage = new StorageOptions { DataDirectory = _dir };
        if (CacheMiB > 0)
        {
            storage.SqliteCacheMiB = CacheMiB;
        }

        new MigrationRunner(new ModuleCatalog([new PersonalInfoAccessModule()]), storage, NullLogger<MigrationRunner>.Instance).MigrateAll();
        var file = SqliteFiles.PathFor(storage, PersonalInfoAccessModule.SchemaName);
        if (PageSize > 0 && ExistingDirectory is null)
        {
            // The freshly migrated file is nearly empty, so rebuilding it with another page size is instant.
            using var c = new SqliteConnection($"Data Source={file};Pooling=False");
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"PRAGMA journal_mode = DELETE; PRAGMA page_size = {PageSize}; VACUUM; PRAGMA journal_mode = WAL;";
            cmd.ExecuteNonQuery();
        }

        // CacheMiB sizes both caches: the appender writes through the write pool, the probe reads through the other.
        _db = new SqliteModuleDb(PersonalInfoAccessModule.SchemaName, file, ResiliencePipeline.Empty, storage.SqliteCacheMiB, null, CacheMiB > 0 ? CacheMiB : storage.SqliteWriterCacheMiB);
        _appender = new EventAppender(_db);
        _templates = Build();
    }

    private static AccessEvent[] Build()
    {
        var at = new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, BatchSize).Select(i => new AccessEvent
        {
            OccurredAt = at.AddMilliseconds(i),
            StaffId = $"staff-{i % 997:D5}",
            StaffRole = "teller",
            StaffBranch = $"BR-{i % 200:D3}",
            StaffDepartment = "retail",
            SourceSystem = "core-banking",
            Categories = [new("account-number", DataTier.C2), new("balance", DataTier.C2), new("name", DataTier.C2)],
            Action = AccessAction.View,
            Purpose = AccessPurpose.AccountServicing,
            LegalBasis = LegalBasis.Contract,
            BusinessRef = "ACC-" + i,
            Channel = "internal-api",
            Outcome = AccessOutcome.Succeeded,
            CustomerRef = "CIF-000012345",
            EventId = Guid.NewGuid(),
        }).ToArray();
    }

    internal AccessEvent[] Templates() => Build();

    /// <summary>SQLite page size of the log file (0: as migrated), for <c>pi-append-probe page=</c>.</summary>
    internal int PageSize { get; set; }

    /// <summary>Page cache per connection in MiB (0: the host default), for <c>pi-append-probe cache=</c>.</summary>
    internal int CacheMiB { get; set; }

    /// <summary>Random (v4) event ids instead of time-ordered (v7) ones, for <c>pi-append-probe ids=v4</c>.</summary>
    internal bool RandomIds { get; set; }

    /// <summary>
    /// A data folder whose piaccess log to append to (e.g. the load script's 10M-event seed), kept afterwards, for
    /// <c>pi-append-probe dir=</c>; null: a fresh folder, deleted afterwards. The appended events are real chained events.
    /// </summary>
    internal string? ExistingDirectory { get; set; }

    internal string Directory => _dir;

    internal SqliteModuleDb Db => _db;

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        if (ExistingDirectory is null)
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
    }

    [Benchmark(Description = "append 1,000 chained events, one commit")]
    public async Task<int> Append1000()
    {
        // Fresh ids and spread customers per batch (cost included: ~1 % of the operation).
        var batch = new AccessEvent[BatchSize];
        for (var i = 0; i < BatchSize; i++)
        {
            batch[i] = _templates[i] with { EventId = RandomIds ? Guid.NewGuid() : Guid.CreateVersion7(), CustomerRef = $"CIF-{(_customer = (_customer * 7919 + 13) % 200_000):D9}" };
        }

        var now = DateTimeOffset.UtcNow;
        var results = await _db.InTransactionAsync((c, tx) => _appender.AppendAsync(c, tx, batch, now, CancellationToken.None), CancellationToken.None);
        return results.Length == BatchSize && results[^1].Status == AppendStatus.Recorded ? results.Length : throw new InvalidOperationException("not appended");
    }
}

/// <summary>Adds EventsPerSec = <see cref="PiAppendBenchmarks.BatchSize"/> / mean.</summary>
internal sealed class EventsPerSecondConfig : ManualConfig
{
    public EventsPerSecondConfig() => AddColumn(new PerSecondColumn("EventsPerSec", PiAppendBenchmarks.BatchSize));
}

/// <summary>A column of <paramref name="perOperation"/> items per operation divided by the mean time.</summary>
internal sealed class PerSecondColumn(string columnName, int perOperation) : IColumn
{
    public string Id => nameof(PerSecondColumn) + columnName;
    public string ColumnName => columnName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => 10;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{perOperation} per operation / Mean";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        summary[benchmarkCase]?.ResultStatistics is { Mean: > 0 } stats
            ? (perOperation / (stats.Mean / 1e9)).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : "NA";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
