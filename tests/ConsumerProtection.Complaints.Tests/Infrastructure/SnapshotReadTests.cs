using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Incidents;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Complaints.Tests.Infrastructure;

/// <summary>Queries read through <see cref="SnapshotRead"/> (the monthly statistics, the incident list) see one moment.</summary>
public sealed class SnapshotReadTests
{
    private const string CountIncidents = "SELECT COUNT(*) FROM [complaints].[incident]";

    [Test]
    public async Task SnapshotRead_AWriteBetweenTwoQueries_IsSeenByNeither_ButAfterwards()
    {
        using var factory = new ApiFactory();
        _ = factory.Server;
        var store = factory.Services.GetRequiredService<ComplaintStore>();

        var (first, second) = await SnapshotRead.ReadAsync(store.Db, async (c, tx) =>
        {
            var before = await c.ExecuteScalarAsync<long>(new CommandDefinition(CountIncidents, transaction: tx));
            // Another connection commits a row between the two queries.
            await store.Db.InTransactionAsync((w, wtx) => w.ExecuteAsync(new CommandDefinition(MajorIncidents.Insert, new
            {
                Id = Guid.NewGuid(), Kind = "GroupComplaint", ProductCode = "P-1", ComplaintId = Guid.NewGuid(), ComplaintCount = 1,
                WindowFrom = (DateTimeOffset?)null, OpenedAt = DateTimeOffset.UnixEpoch,
            }, wtx)), CancellationToken.None);
            var after = await c.ExecuteScalarAsync<long>(new CommandDefinition(CountIncidents, transaction: tx));
            return (before, after);
        }, CancellationToken.None);

        Assert.That(second, Is.EqualTo(first), "both queries read one snapshot");
        var now = await store.Db.ReadAsync(c => c.ExecuteScalarAsync<long>(CountIncidents), CancellationToken.None);
        Assert.That(now, Is.EqualTo(first + 1));
    }
}
