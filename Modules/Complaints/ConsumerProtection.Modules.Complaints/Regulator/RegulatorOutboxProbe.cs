using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Operations;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>The regulator outbox's depth and oldest pending result, for the kernel's <c>cp.outbox.*</c> gauges.</summary>
internal sealed class RegulatorOutboxProbe([FromKeyedServices("complaints")] IModuleDb db) : IOutboxProbe
{
    // ix_regulator_outbox_unsent (sent_at, created_at) answers both figures.
    public const string Sql = "SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM [complaints].[regulator_outbox] WHERE sent_at IS NULL";

    public string Name => "complaints.regulator_outbox";

    public async Task<OutboxState> ReadAsync(CancellationToken ct)
    {
        var row = await db.ReadAsync(c => c.QuerySingleAsync<Row>(new CommandDefinition(Sql, cancellationToken: ct)), ct);
        return new OutboxState(row.Pending, row.Oldest);
    }

    private sealed class Row
    {
        public long Pending { get; init; }
        public DateTimeOffset? Oldest { get; init; }
    }
}
