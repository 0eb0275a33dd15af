using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Regulator;

internal sealed record PullResult(int Created, int Duplicates, int Rejected, int Pages);

/// <summary>
/// Pulls the regulator's transfers page by page from the stored cursor and files each as a complaint. The cursor
/// moves only after every item of a page is created, found to be a duplicate or rejected; if a run fails half-way,
/// the next run reads the page again and the case-id check makes that harmless.
/// </summary>
internal sealed class RegulatorPullJob(
    IServiceProvider services, TransferIntake intake, ComplaintStore store, IOptions<RegulatorOptions> options,
    IJobLease lease, TimeProvider time, ILogger<RegulatorPullJob> logger)
    : PeriodicJob(lease, time, logger)
{
    public const string ReadCursor = "SELECT last_cursor FROM [complaints].[regulator_cursor] WHERE feed = 'transfers'";

    public const string SaveCursor = "UPDATE [complaints].[regulator_cursor] SET last_cursor = @Cursor, updated_at = @Now WHERE feed = 'transfers'";

    private const int CursorMax = 500;
    private readonly TimeProvider _time = time;
    private readonly ILogger _log = logger;

    protected override string Name => "regulator-pull";
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
    protected override Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One pull (the periodic loop calls this under the lease; tests call it directly).</summary>
    public async Task<PullResult> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        // A fresh typed client per run: the factory rotates handlers; the resilience pipeline (and its breaker) is shared.
        var client = services.GetRequiredService<RegulatorGatewayClient>();
        var cursor = await store.Db.ReadAsync(c => c.ExecuteScalarAsync<string?>(new CommandDefinition(ReadCursor, cancellationToken: ct)), ct);
        int created = 0, duplicates = 0, rejected = 0, pages = 0;
        while (pages < o.MaxPagesPerRun)
        {
            var page = await client.GetTransfersAsync(cursor, o.PageSize, ct);
            pages++;
            foreach (var item in page.Items ?? [])
            {
                switch (await intake.AcceptAsync(item, ct))
                {
                    case TransferOutcome.Created: created++; break;
                    case TransferOutcome.Duplicate: duplicates++; break;
                    default: rejected++; break;
                }
            }

            if (page.NextCursor is not { } next || next == cursor)
            {
                break;
            }

            if (next.Length > CursorMax)
            {
                throw new InvalidOperationException($"The regulator's cursor is longer than {CursorMax} characters; see the gateway contract.");
            }

            cursor = next;
            var now = _time.GetUtcNow();
            await store.Db.InTransactionAsync(
                (c, tx) => c.ExecuteAsync(new CommandDefinition(SaveCursor, new { Cursor = next, Now = now }, tx, cancellationToken: ct)), ct);
            if (!page.HasMore)
            {
                break;
            }
        }

        if (created + rejected > 0)
        {
            _log.LogInformation("Regulator pull: {Created} created, {Duplicates} duplicates, {Rejected} rejected", created, duplicates, rejected);
        }

        return new PullResult(created, duplicates, rejected, pages);
    }
}
