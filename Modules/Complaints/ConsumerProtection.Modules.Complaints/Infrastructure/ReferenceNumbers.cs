using System.Data.Common;
using System.Globalization;
using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>Human-readable references <c>CP-yyyyMMdd-NNNNNN</c>: the bank-local day the complaint was received and a per-day counter.</summary>
internal static class ReferenceNumbers
{
    public const string SelectCounter = """
        SELECT last FROM [complaints].[reference_counter] WHERE day = @Day
        """;

    public const string SelectCounterLocked = """
        SELECT last FROM [complaints].[reference_counter] WITH (UPDLOCK, HOLDLOCK) WHERE day = @Day
        """;

    public const string UpdateCounter = """
        UPDATE [complaints].[reference_counter] SET last = @Next WHERE day = @Day
        """;

    public const string InsertCounter = """
        INSERT INTO [complaints].[reference_counter] (day, last) VALUES (@Day, @Next)
        """;

    /// <summary>Takes the next number for <paramref name="day"/> inside the caller's write transaction.</summary>
    public static async Task<string> NextAsync(IModuleDb db, DbConnection c, DbTransaction tx, DateOnly day, CancellationToken ct)
    {
        var select = db.Dialect.Provider == StorageProvider.SqlServer ? SelectCounterLocked : SelectCounter;
        var last = await c.ExecuteScalarAsync<long?>(new CommandDefinition(select, new { Day = day }, tx, cancellationToken: ct));
        var next = (last ?? 0) + 1;
        await c.ExecuteAsync(new CommandDefinition(last is null ? InsertCounter : UpdateCounter, new { Day = day, Next = next }, tx, cancellationToken: ct));
        return Format(day, next);
    }

    public static string Format(DateOnly day, long number) =>
        string.Create(CultureInfo.InvariantCulture, $"CP-{day:yyyyMMdd}-{number:D6}");
}
