using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.Shared.Data;

/// <summary>Which database exceptions are worth a retry.</summary>
public static class TransientFaults
{
    // SQL Server / Azure SQL error numbers that clear up on their own: deadlock victim, lock timeout,
    // login/connection drops, resource governance and failover.
    private static readonly HashSet<int> SqlServerTransient =
    [
        -2, 20, 64, 233, 1205, 1222, 4060, 4221, 10053, 10054, 10060, 10928, 10929,
        40143, 40197, 40501, 40540, 40613, 42108, 42109, 49918, 49919, 49920,
    ];

    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>True when <paramref name="ex"/> is a transient SQLite or SQL Server fault.</summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is SqliteBusy or SqliteLocked,
        SqlException s => s.Errors.Cast<SqlError>().Any(e => SqlServerTransient.Contains(e.Number)),
        TimeoutException => true,
        _ => false,
    };
}
