using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Regulator;

namespace ConsumerProtection.Complaints.Tests.Regulator;

/// <summary>Results of transferred complaints go back through the outbox: right payload, once per event, in order.</summary>
internal sealed class RegulatorResultsTests
{
    private RegulatorHarness _h = null!;
    private HttpClient _supervisor = null!;

    [SetUp]
    public async Task Start()
    {
        _h = new RegulatorHarness(new() { ["Complaints:Regulator:OutboxBackoffBaseSeconds"] = "1", ["Complaints:Regulator:OutboxBackoffMaxSeconds"] = "1" });
        _supervisor = await _h.SupervisorAsync();
        _h.ServeTransfers("c1", RegulatorHarness.Transfer("R-1"));
        await _h.Pull.RunOnceAsync(CancellationToken.None);
    }

    [TearDown]
    public void Stop()
    {
        _supervisor.Dispose();
        _h.Dispose();
    }

    private async Task<Guid> TransferredAsync() => Guid.Parse(await _h.ComplaintIdAsync("R-1"));

    [Test]
    public async Task RespondAndClose_PostsBothResults_WithTheirPayloads_ThenNothingMore()
    {
        _h.AnswerResults(201);
        var id = await TransferredAsync();
        var counter = (await ComplaintsApi.FileAsync(_supervisor, ComplaintsApi.Body(RegulatorHarness.Now.AddHours(-1)))).GetProperty("id").GetGuid();
        await RegulatorHarness.RespondAsync(_supervisor, id);
        await RegulatorHarness.RespondAsync(_supervisor, counter);
        await RegulatorHarness.CloseAsync(_supervisor, id);

        var first = await _h.Outbox.RunOnceAsync(CancellationToken.None);
        var again = await _h.Outbox.RunOnceAsync(CancellationToken.None);

        var posts = _h.Requests("POST", "/transfers/");
        var bodies = _h.AcceptedResults();
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new DispatchResult(2, 0, 0)), "only the transferred complaint has results to send");
            Assert.That(again, Is.EqualTo(new DispatchResult(0, 0, 0)));
            Assert.That(posts.Select(p => p.RequestMessage!.Path), Has.All.EqualTo("/transfers/R-1/results"));
            Assert.That(posts[0].RequestMessage!.Headers!["X-Api-Key"].ToString(), Is.EqualTo(RegulatorHarness.ApiKey));
            Assert.That(bodies.Select(b => b.GetProperty("kind").GetString()), Is.EqualTo(new[] { "responded", "closed" }));
            Assert.That(bodies[0].GetProperty("eventId").GetGuid(), Is.EqualTo(RegulatorOutbox.EventId(id, 4)));
            Assert.That(bodies[0].GetProperty("caseId").GetString(), Is.EqualTo("R-1"));
            Assert.That(bodies[0].GetProperty("reference").GetString(), Does.StartWith("CP-"));
            Assert.That(bodies[0].GetProperty("outcome").GetString(), Is.EqualTo("NonMonetaryRelief"));
            Assert.That(bodies[0].GetProperty("responseText").GetString(), Is.EqualTo("已调整催收频次并致歉"));
            Assert.That(bodies[0].TryGetProperty("respondedAt", out _), Is.True);
            Assert.That(bodies[0].TryGetProperty("upheld", out _), Is.False, "absent values are left out");
            Assert.That(bodies[1].GetProperty("eventId").GetGuid(), Is.EqualTo(RegulatorOutbox.EventId(id, 6)));
            Assert.That(bodies[1].GetProperty("upheld").GetString(), Is.EqualTo("Partly"));
            Assert.That(bodies[1].GetProperty("redressPaid").GetDecimal(), Is.EqualTo(88.50m));
            Assert.That(bodies[1].GetProperty("currency").GetString(), Is.EqualTo("CNY"));
            Assert.That(bodies[1].TryGetProperty("closedAt", out _), Is.True);
            Assert.That(posts[1].RequestMessage!.Headers!["Idempotency-Key"].ToString(), Is.EqualTo(bodies[1].GetProperty("eventId").GetString()));
        });
        Assert.That(await _h.QueryAsync<long>("SELECT COUNT(*) FROM regulator_outbox WHERE sent_at IS NOT NULL AND attempts = 1"), Is.EqualTo(2));
    }

    [Test]
    public async Task Conflict_TheRegulatorAlreadyHasTheEvent_CountsAsDelivered()
    {
        _h.AnswerResults(409);
        await RegulatorHarness.RespondAsync(_supervisor, await TransferredAsync());

        var result = await _h.Outbox.RunOnceAsync(CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DispatchResult(1, 0, 0)));
        Assert.That(await _h.QueryAsync<long>("SELECT COUNT(*) FROM regulator_outbox WHERE sent_at IS NULL"), Is.Zero);
    }

    [Test]
    public async Task Withdraw_TransferredComplaint_PostsAWithdrawnResult_AfterTheResponse()
    {
        _h.AnswerResults(200);
        var id = await TransferredAsync();
        await RegulatorHarness.RespondAsync(_supervisor, id);
        await RegulatorHarness.ExpectAsync(ComplaintsApi.ActAsync(_supervisor, id, "withdraw", 4, new { reason = "消费者撤回投诉" }));

        var result = await _h.Outbox.RunOnceAsync(CancellationToken.None);

        var bodies = _h.AcceptedResults();
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new DispatchResult(2, 0, 0)));
            Assert.That(bodies.Select(b => b.GetProperty("kind").GetString()), Is.EqualTo(new[] { "responded", "withdrawn" }));
            Assert.That(bodies[1].GetProperty("eventId").GetGuid(), Is.EqualTo(RegulatorOutbox.EventId(id, 5)));
            Assert.That(bodies[1].GetProperty("caseId").GetString(), Is.EqualTo("R-1"));
            Assert.That(bodies[1].GetProperty("withdrawReason").GetString(), Is.EqualTo("消费者撤回投诉"));
            Assert.That(bodies[1].TryGetProperty("withdrawnAt", out _), Is.True);
            Assert.That(_h.Requests("POST", "/transfers/")[1].RequestMessage!.Headers!["Idempotency-Key"].ToString(),
                Is.EqualTo(RegulatorOutbox.EventId(id, 5).ToString()));
        });
    }

    [Test]
    public async Task RefusedTransition_StaleIfMatch_QueuesNoResult()
    {
        var id = await TransferredAsync();
        await RegulatorHarness.ExpectAsync(ComplaintsApi.ActAsync(_supervisor, id, "assign", 1, new { departmentId = "reg-team", handlerId = await ComplaintsApi.CallerIdAsync(_supervisor) }));
        await RegulatorHarness.ExpectAsync(ComplaintsApi.ActAsync(_supervisor, id, "start", 2));

        await RegulatorHarness.ExpectAsync(ComplaintsApi.ActAsync(_supervisor, id, "respond", 2, new { outcome = "ClosedWithExplanation", responseText = "说明" }), 412);

        Assert.That(await _h.QueryAsync<long>("SELECT COUNT(*) FROM regulator_outbox"), Is.Zero, "the outbox row shares the refused transaction's fate");
    }

    [Test]
    public async Task EarlierEventBackingOff_HoldsBackLaterEventsOfTheCase_ThenSendsThemInOrder()
    {
        var id = await TransferredAsync();
        await RegulatorHarness.RespondAsync(_supervisor, id);
        await RegulatorHarness.CloseAsync(_supervisor, id);
        _h.AnswerResults(400);

        var refused = await _h.Outbox.RunOnceAsync(CancellationToken.None);
        _h.Gateway.ResetMappings();
        _h.AnswerResults(202);
        var held = await _h.Outbox.RunOnceAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.3));
        var released = await _h.Outbox.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(refused, Is.EqualTo(new DispatchResult(0, 1, 1)), "a refused 'responded' holds 'closed' back");
            Assert.That(held, Is.EqualTo(new DispatchResult(0, 0, 2)), "still backing off: nothing is sent out of order");
            Assert.That(released, Is.EqualTo(new DispatchResult(2, 0, 0)));
            Assert.That(_h.AcceptedResults().Select(b => b.GetProperty("kind").GetString()), Is.EqualTo(new[] { "responded", "closed" }));
        });
        var lastError = await _h.QueryAsync<string?>("SELECT last_error FROM regulator_outbox WHERE kind = 'responded'");
        Assert.That(lastError, Is.Null, "cleared once delivered");
    }
}
