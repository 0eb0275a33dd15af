namespace ConsumerProtection.Shared.Data;

/// <summary>Which database engine stores the modules' schemas.</summary>
public enum StorageProvider
{
    /// <summary>Embedded default: one SQLite file per module schema in the data folder.</summary>
    Sqlite,

    /// <summary>Production: one SQL Server database, one schema per module.</summary>
    SqlServer,
}

/// <summary>Configuration section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Storage:Provider</c>: Sqlite (default) or SqlServer.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary><c>Storage:DataDirectory</c>: where SQLite files and the bootstrap key live (default <c>./data</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary><c>Storage:MigrateOnStartup</c>: run migrations when the host starts (default true).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// <c>Storage:SqliteCacheMiB</c>: SQLite's page cache of each pooled read connection, per schema file (default 2,
    /// about SQLite's own). A read connection drops its cache whenever another connection has committed (WAL),
    /// and there is one cache per pooled connection, so a large one mostly costs memory: at 64 MiB the host grew to
    /// ~1 GB under mixed load (tests/ConsumerProtection.Benchmarks/README.md, "Host memory under mixed load"; ADR 0009).
    /// </summary>
    public int SqliteCacheMiB { get; set; } = 2;

    /// <summary>
    /// <c>Storage:SqliteWriterCacheMiB</c>: the page cache of the write connections, per schema file (default 16).
    /// Writes queue on the host's write gate and run on a pool of their own, so about one such cache exists per file,
    /// and it stays warm from one commit to the next. A write that touches index pages not in the cache reads them back
    /// first, so a very large file gains from more: on a 10-million-event access log (warm page cache) HTTP ingest ran at
    /// 5,339-6,469 events/s with 16 MiB and 7,061-7,874 with 64, while 64 on every busy file took the host from 260 to
    /// 379 MB under the mixed load (tests/ConsumerProtection.Benchmarks/README.md §3d and §4; ADR 0009).
    /// </summary>
    public int SqliteWriterCacheMiB { get; set; } = 16;

    /// <summary><c>ConnectionStrings:SqlServer</c>, read when the provider is SqlServer.</summary>
    public string? SqlServerConnectionString { get; set; }

    /// <summary>The data directory as an absolute path.</summary>
    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
