namespace ConsumerProtection.Complaints.Tests.Regulator;

/// <summary>The gateway down for a while: results wait in the outbox, then each event arrives exactly once.</summary>
internal sealed class RegulatorOutageTests
{
    private static readonly string[] Cases = ["OUT-1", "OUT-2", "OUT-3"];

    [Test]
    public async Task GatewayDownForAWhile_NothingLost_ThenEveryEventDeliveredExactlyOnce()
    {
        using var h = new RegulatorHarness(new() { ["Complaints:Regulator:BreakerMinimumThroughput"] = "3" });
        h.ServeTransfers("c1", [.. Cases.Select(c => (object)RegulatorHarness.Transfer(c))]);
        await h.Pull.RunOnceAsync(CancellationToken.None);
        using var supervisor = await h.SupervisorAsync();
        foreach (var caseId in Cases)
        {
            await RegulatorHarness.RespondAsync(supervisor, Guid.Parse(await h.ComplaintIdAsync(caseId)));
        }

        await RegulatorHarness.CloseAsync(supervisor, Guid.Parse(await h.ComplaintIdAsync("OUT-1")));
        await RegulatorHarness.CloseAsync(supervisor, Guid.Parse(await h.ComplaintIdAsync("OUT-2")));
        h.AnswerResults(503);

        for (var run = 0; run < 4; run++)
        {
            await h.Outbox.RunOnceAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        var down = await h.ListAsync<(string EventId, long Attempts, string? SentAt, string? LastError)>(
            "SELECT event_id, attempts, sent_at, last_error FROM regulator_outbox");
        Assert.Multiple(() =>
        {
            Assert.That(down, Has.Count.EqualTo(5), "3 responded + 2 closed events");
            Assert.That(down.Select(r => r.SentAt), Has.All.Null);
            Assert.That(down.Sum(r => r.Attempts), Is.GreaterThanOrEqualTo(2), "failed deliveries are counted");
            Assert.That(down.Where(r => r.Attempts > 0).Select(r => r.LastError), Has.All.Not.Null);
            Assert.That(h.Requests("POST", "/transfers/"), Is.Not.Empty);
            Assert.That(h.AcceptedResults(), Is.Empty);
        });

        var status = (await h.StatusAsync()).GetProperty("outbox");
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("unsent").GetInt32(), Is.EqualTo(5));
            Assert.That(status.GetProperty("maxAttempts").GetInt32(), Is.GreaterThanOrEqualTo(1));
            Assert.That(status.GetProperty("lastError").GetString(), Is.Not.Null);
        });

        h.Gateway.ResetMappings();
        h.AnswerResults(201);
        for (var run = 0; run < 20 && await h.QueryAsync<long>("SELECT COUNT(*) FROM regulator_outbox WHERE sent_at IS NULL") > 0; run++)
        {
            await h.Outbox.RunOnceAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        var delivered = h.AcceptedResults();
        var perEvent = delivered.GroupBy(b => b.GetProperty("eventId").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(perEvent.Keys, Is.EquivalentTo(down.Select(r => r.EventId)), "every event delivered");
            Assert.That(perEvent.Values, Has.All.EqualTo(1), "and each exactly once");
            Assert.That(await h.QueryAsync<long>("SELECT COUNT(*) FROM regulator_outbox WHERE sent_at IS NULL"), Is.Zero);
            foreach (var caseId in new[] { "OUT-1", "OUT-2" })
            {
                var kinds = delivered.Where(b => b.GetProperty("caseId").GetString() == caseId).Select(b => b.GetProperty("kind").GetString());
                Assert.That(kinds, Is.EqualTo(new[] { "responded", "closed" }), caseId);
            }
        });
    }
}
