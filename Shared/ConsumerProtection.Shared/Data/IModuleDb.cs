using System.Data.Common;

namespace ConsumerProtection.Shared.Data;

/// <summary>
/// A module's database: connections that see only the module's own schema.
/// Resolve it as a keyed service by schema name: <c>[FromKeyedServices("complaints")] IModuleDb db</c>.
/// </summary>
public interface IModuleDb
{
    /// <summary>The module's schema.</summary>
    string Schema { get; }

    /// <summary>The engine's SQL dialect.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Opens a connection on which <c>[schema].[table]</c> names resolve. The caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction and commits it. On a transient fault (SQLite busy,
    /// SQL Server transient error) the whole unit is rolled back and run again, so <paramref name="work"/>
    /// must be idempotent: generate ids and read the clock before calling, not inside.
    /// </summary>
    Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct);

    /// <summary>Runs a read with retry on transient faults.</summary>
    Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken ct);

    /// <summary>
    /// The first row of a hot, fixed query (e.g. by primary key), or default. On SQLite the statement stays prepared on
    /// a reader connection kept for it, because preparing a wide SELECT costs more than running it; on SQL Server the
    /// server caches the plan and this is a plain Dapper query. <paramref name="sql"/> must be a constant text.
    /// </summary>
    Task<T?> QueryFirstPreparedAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct);

    /// <summary>
    /// Every row of a hot query, prepared as <see cref="QueryFirstPreparedAsync{T}"/> is. <paramref name="sql"/> comes from a
    /// fixed set of texts (never built from input), and for one text <paramref name="args"/> always carry the same names in
    /// the same order.
    /// </summary>
    Task<IReadOnlyList<T>> QueryPreparedAsync<T>(string sql, IReadOnlyList<(string Name, object? Value)> args, CancellationToken ct);
}
