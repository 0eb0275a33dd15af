using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Regulator;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Complaints.Tests.Regulator;

/// <summary>Delivered regulator results and refused transfers are deleted after retention; undelivered results stay.</summary>
internal sealed class RegulatorRetentionTests : ClockedApiTest
{
    private const string InsertRejection = """
        INSERT INTO [complaints].[regulator_transfer_rejection] (id, case_id, rejected_at, errors) VALUES (@Id, @CaseId, @At, '{}')
        """;

    private ComplaintStore Store => Factory.Services.GetRequiredService<ComplaintStore>();

    private Task AddResultAsync(Guid id, DateTimeOffset createdAt, DateTimeOffset? sentAt) =>
        Store.Db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition("""
            INSERT INTO [complaints].[regulator_outbox]
                (id, case_id, event_id, complaint_id, complaint_version, kind, payload_json, created_at, attempts, next_attempt_at, sent_at, last_error)
            VALUES (@Id, 'R-1', @EventId, @ComplaintId, 4, 'responded', '{"responseText":"已退还年费"}', @CreatedAt, 1, @CreatedAt, @SentAt, NULL)
            """, new { Id = id, EventId = Guid.NewGuid(), ComplaintId = Guid.NewGuid(), CreatedAt = createdAt, SentAt = sentAt }, tx)), CancellationToken.None);

    private Task<List<Guid>> IdsAsync(string table) =>
        Store.Db.ReadAsync(async c => (await c.QueryAsync<Guid>($"SELECT id FROM [complaints].[{table}]")).AsList(), CancellationToken.None);

    [Test]
    public async Task DisposalRun_AfterRetention_DeletesSentResultsAndRejections_KeepsUnsentAndYoungOnes()
    {
        var start = Time.GetUtcNow();
        var (oldSent, unsent, youngSent) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var (oldRejection, youngRejection) = (Guid.NewGuid(), Guid.NewGuid());
        await AddResultAsync(oldSent, start, start.AddMinutes(1));
        await AddResultAsync(unsent, start, null);
        await AddResultAsync(youngSent, start.AddYears(2), start.AddYears(2));
        foreach (var (id, at) in new[] { (oldRejection, start), (youngRejection, start.AddYears(2)) })
        {
            await Store.Db.InTransactionAsync((c, tx) => c.ExecuteAsync(new CommandDefinition(InsertRejection, new { Id = id, CaseId = "R-" + id, At = at }, tx)),
                CancellationToken.None);
        }

        Time.SetUtcNow(start.AddYears(3).AddDays(2));
        using var run = await Admin.PostAsync("/api/v1/retention/disposal-runs", null);
        Assert.That(run.IsSuccessStatusCode, Is.True, await run.Content.ReadAsStringAsync());

        Assert.Multiple(async () =>
        {
            Assert.That(await IdsAsync("regulator_outbox"), Is.EquivalentTo(new[] { unsent, youngSent }));
            Assert.That(await IdsAsync("regulator_transfer_rejection"), Is.EquivalentTo(new[] { youngRejection }));
        });
        var audit = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/complaints/records?action={RegulatorResultRetention.Type}.disposed");
        Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(1));
    }
}
