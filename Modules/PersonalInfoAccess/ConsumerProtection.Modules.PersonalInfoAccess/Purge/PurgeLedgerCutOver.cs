using System.Data.Common;
using ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Retention;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Retention;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Purge;

/// <summary>
/// The cut-over of a database upgraded from payload v1 (migration 0005): on the first start after the upgrade — ledger
/// empty, payload-v1 rows present, no v2 row yet — signs ledger entry 1 naming the first v2 seq (the head + 1) and the
/// rows already purged. Once any v2 row exists it never adopts, so whoever deletes the ledger later cannot have a
/// restart launder rows they "purged" themselves. A fresh database has no v1 rows and needs no cut-over.
/// </summary>
internal sealed partial class PurgeLedgerCutOver(
    [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, PurgeLedger ledger, IOptions<RetentionOptions> retention,
    TimeProvider time, ILogger<PurgeLedgerCutOver> logger) : IHostedService
{
    internal const string PurgedSql = "SELECT seq FROM [piaccess].[access_event] WHERE purged_at IS NOT NULL ORDER BY seq";

    // v1 rows all come before v2 rows, so the first and the last row (two primary-key seeks) tell whether the log
    // has v1 rows and whether any v2 row was written yet, without scanning it at every start.
    internal string FirstSql { get; } = End(db.Dialect, "ASC");

    internal string LastSql { get; } = End(db.Dialect, "DESC");

    internal static string End(SqlDialect d, string order) =>
        $"SELECT {d.Top1} seq AS Seq, personal_hash AS PersonalHash FROM [piaccess].[access_event] ORDER BY seq {order} {d.Limit1}";

    private sealed class EndRow
    {
        public long Seq { get; init; }
        public byte[]? PersonalHash { get; init; }
    }
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await RunAsync(cancellationToken) is { } entry)
            {
                LogCutOver(logger, entry.FirstV2Seq ?? 0);
            }
        }
        catch (DbException ex)
        {
            // Migrations not applied yet (Storage:MigrateOnStartup=false): the next start after `migrate` tries again.
            LogFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the cut-over entry if this database needs one now; null otherwise.</summary>
    public Task<PurgeEntry?> RunAsync(CancellationToken ct) => db.InTransactionAsync(async (c, tx) =>
    {
        // The ledger head is read under its write lock first, so two hosts starting together cannot both adopt.
        var ledgerHead = await ledger.HeadEntryNoAsync(c, tx, ct);
        var first = await c.QuerySingleOrDefaultAsync<EndRow>(new CommandDefinition(FirstSql, transaction: tx, cancellationToken: ct));
        if (ledgerHead > 0 || first is null || first.PersonalHash is not null)
        {
            return null;
        }

        var last = await c.QuerySingleAsync<EndRow>(new CommandDefinition(LastSql, transaction: tx, cancellationToken: ct));
        if (last.PersonalHash is not null)
        {
            LogRefused(logger);
            return null;
        }

        var head = last.Seq;
        var purged = await c.QueryAsync<long>(new CommandDefinition(PurgedSql, transaction: tx, cancellationToken: ct));
        return (PurgeEntry?)await ledger.AppendAsync(c, tx, PurgeKind.CutOver, time.GetUtcNow(), EventRetentionSource.Type,
            retention.Value.YearsFor(EventRetentionSource.Type), head + 1, purged, ct);
    }, ct);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purge ledger cut-over signed: payload v2 from seq {FirstV2Seq}")]
    private static partial void LogCutOver(ILogger logger, long firstV2Seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purge ledger cut-over refused: the ledger is empty but payload-v2 rows exist; verification will report the payload-v1 rows (README: Tamper evidence)")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purge ledger cut-over could not run")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
