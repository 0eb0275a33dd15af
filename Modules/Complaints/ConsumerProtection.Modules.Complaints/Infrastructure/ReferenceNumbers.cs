using System.Data.Common;
using System.Globalization;
using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>Human-readable references <c>CP-yyyyMMdd-NNNNNN</c>: the bank-local day the complaint was received and a per-day counter.</summary>
internal static class ReferenceNumbers
{
    // The dialect's update-lock hint serialises two intakes of one day on SQL Server; SQLite's write transaction already does.
    public static string SelectCounter(SqlDialect d) => $"SELECT last FROM [complaints].[reference_counter] {d.UpdLockHint} WHERE day = @Day";

    public const string UpdateCounter = """
        UPDATE [complaints].[reference_counter] SET last = @Next WHERE day = @Day
        """;

    public const string InsertCounter = """
        INSERT INTO [complaints].[reference_counter] (day, last) VALUES (@Day, @Next)
        """;

    /// <summary>Takes the next number for <paramref name="day"/> inside the caller's write transaction.</summary>
    public static async Task<string> NextAsync(IModuleDb db, DbConnection c, DbTransaction tx, DateOnly day, CancellationToken ct)
    {
        var last = await LastAsync(db, c, tx, day, ct);
        var next = (last ?? 0) + 1;
        await StoreAsync(c, tx, day, next, last is not null, ct);
        return Format(day, next);
    }

    /// <summary>The last number taken for <paramref name="day"/> (null: none yet), read under the write lock of <paramref name="tx"/>.</summary>
    public static Task<long?> LastAsync(IModuleDb db, DbConnection c, DbTransaction tx, DateOnly day, CancellationToken ct) =>
        c.ExecuteScalarAsync<long?>(new CommandDefinition(SelectCounter(db.Dialect), new { Day = day }, tx, cancellationToken: ct));

    /// <summary>Records <paramref name="last"/> as the last number taken for <paramref name="day"/>.</summary>
    public static Task StoreAsync(DbConnection c, DbTransaction tx, DateOnly day, long last, bool exists, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(exists ? UpdateCounter : InsertCounter, new { Day = day, Next = last }, tx, cancellationToken: ct));

    public static string Format(DateOnly day, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"CP-{day:yyyyMMdd}-{number:D6}");
}
