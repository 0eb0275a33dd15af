using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Data;
using Dapper;
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
    : RegulatorJob<PullResult>(services, lease, time, logger)
{
    public const string ReadCursor = "SELECT last_cursor FROM [complaints].[regulator_cursor] WHERE feed = @Feed";

    public const string SaveCursor = "UPDATE [complaints].[regulator_cursor] SET last_cursor = @Cursor, updated_at = @Now WHERE feed = @Feed";

    /// <summary>The cursor row the 0003 migration seeds.</summary>
    internal const string Feed = "transfers";
    private const int CursorMax = 500;

    protected override string Name => "regulator-pull";
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);

    protected override async Task<PullResult> RunOnceAsync(RegulatorGatewayClient client, CancellationToken ct)
    {
        var o = options.Value;
        var cursor = await store.Db.ReadAsync(c => c.ExecuteScalarAsync<string?>(new CommandDefinition(ReadCursor, new { Feed }, cancellationToken: ct)), ct);
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
            var now = Time.GetUtcNow();
            await store.Db.InTransactionAsync(
                (c, tx) => c.ExecuteAsync(new CommandDefinition(SaveCursor, new { Feed, Cursor = next, Now = now }, tx, cancellationToken: ct)), ct);
            if (!page.HasMore)
            {
                break;
            }
        }

        if (created + rejected > 0)
        {
            Log.LogInformation("Regulator pull: {Created} created, {Duplicates} duplicates, {Rejected} rejected", created, duplicates, rejected);
        }

        return new PullResult(created, duplicates, rejected, pages);
    }
}
