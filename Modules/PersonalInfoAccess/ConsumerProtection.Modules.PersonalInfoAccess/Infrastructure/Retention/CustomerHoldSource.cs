using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Retention;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Retention;

/// <summary>
/// Record type <c>pi-access-customer</c>, record id a customer reference: it exists so that a legal hold can cover every
/// access event of one customer (<c>POST /api/v1/retention/holds</c>). It is never disposed of as such — its events
/// are, one by one, by <see cref="EventRetentionSource"/>, which skips the events of a held customer — so it reports
/// itself as active and finds nothing expired. A customer is known while at least one unpurged event names it.
/// </summary>
internal sealed class CustomerHoldSource([FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db) : IRetentionRecordSource
{
    public const string Type = "pi-access-customer";

    private readonly string _exists =
        $"SELECT {db.Dialect.Top1} seq FROM [piaccess].[access_event] WHERE customer_ref = @Customer {db.Dialect.Limit1}";

    public string RecordType => Type;

    public async Task<RetentionState?> FindAsync(string recordId, CancellationToken ct)
    {
        var seq = await db.ReadAsync(c => c.ExecuteScalarAsync<long?>(
            new CommandDefinition(_exists, new { Customer = recordId }, cancellationToken: ct)), ct);
        return seq is null ? null : new RetentionState(recordId, null);
    }

    public Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task DisposeAsync(string recordId, CancellationToken ct) =>
        throw new NotSupportedException("A customer's access events are disposed of one by one (record type pi-access-event).");
}
