using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Regulator;
using Polly.CircuitBreaker;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace ConsumerProtection.Complaints.Tests.Regulator;

/// <summary>The gateway misbehaving: server errors, slow answers, an open breaker, and a long outage.</summary>
internal sealed class RegulatorResilienceTests
{
    private RegulatorHarness _h = null!;

    [TearDown]
    public void Stop() => _h.Dispose();

    // A null state is the scenario's start.
    private void GetAnswers(string scenario, string? state, string next, IResponseBuilder response)
    {
        var mapping = _h.Gateway.Given(Request.Create().WithPath("/transfers").UsingGet()).InScenario(scenario);
        (state is null ? mapping : mapping.WhenStateIs(state)).WillSetStateTo(next).RespondWith(response);
    }

    private static IResponseBuilder Page(params object[] items) =>
        Response.Create().WithStatusCode(200).WithBodyAsJson(new { items, nextCursor = "c1", hasMore = false });

    [Test]
    public async Task ServerErrorsThenSuccess_AreRetried_ForPullAndForResults()
    {
        _h = new RegulatorHarness();
        GetAnswers("get", null, "failed-once", Response.Create().WithStatusCode(500));
        GetAnswers("get", "failed-once", "failed-twice", Response.Create().WithStatusCode(503));
        GetAnswers("get", "failed-twice", "ok", Page(RegulatorHarness.Transfer("RETRY-1")));
        var post = Request.Create().WithPath("/transfers/RETRY-1/results").UsingPost();
        _h.Gateway.Given(post).InScenario("post").WillSetStateTo("ok").RespondWith(Response.Create().WithStatusCode(502));
        _h.Gateway.Given(post).InScenario("post").WhenStateIs("ok").RespondWith(Response.Create().WithStatusCode(201));

        var pulled = await _h.Pull.RunOnceAsync(CancellationToken.None);
        using var supervisor = await _h.SupervisorAsync();
        await RegulatorHarness.RespondAsync(supervisor, Guid.Parse(await _h.ComplaintIdAsync("RETRY-1")));
        var sent = await _h.Outbox.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(pulled.Created, Is.EqualTo(1));
            Assert.That(_h.Requests("GET", "/transfers").Select(e => e.ResponseMessage!.StatusCode), Is.EqualTo(new object[] { 500, 503, 200 }));
            Assert.That(sent, Is.EqualTo(new DispatchResult(1, 0, 0)));
            Assert.That(_h.Requests("POST", "/transfers/").Count, Is.EqualTo(2));
            Assert.That(_h.AcceptedResults(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task SlowAnswer_HitsThePerAttemptTimeout_ThenTheRetrySucceeds()
    {
        // Only the first call is slow, and its page names another case: had the client waited, SLOW-LATE would be filed.
        _h = new RegulatorHarness(new() { ["Complaints:Regulator:AttemptTimeoutSeconds"] = "1" });
        var calls = 0;
        _h.Gateway.Given(Request.Create().WithPath("/transfers").UsingGet()).RespondWith(Response.Create().WithCallback(_ =>
        {
            var slow = Interlocked.Increment(ref calls) == 1;
            if (slow)
            {
                Thread.Sleep(TimeSpan.FromSeconds(2.5));
            }

            return new ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new BodyData
                {
                    DetectedBodyType = BodyType.String,
                    BodyAsString = JsonSerializer.Serialize(new { items = new[] { RegulatorHarness.Transfer(slow ? "SLOW-LATE" : "SLOW-1") }, nextCursor = "c1" }),
                },
            };
        }));

        var pulled = await _h.Pull.RunOnceAsync(CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(calls, Is.GreaterThanOrEqualTo(2));
            Assert.That(pulled.Created, Is.EqualTo(1));
            Assert.That(await _h.ComplaintsForCaseAsync("SLOW-1"), Is.EqualTo(1), "the retry's answer was used");
            Assert.That(await _h.ComplaintsForCaseAsync("SLOW-LATE"), Is.Zero, "the slow attempt was abandoned");
        });
    }

    [Test]
    public async Task Breaker_OpensAfterFailures_NoCallsWhileOpen_ThenRecovers()
    {
        _h = new RegulatorHarness(new() { ["Complaints:Regulator:BreakerMinimumThroughput"] = "2" });
        _h.Gateway.Given(Request.Create().WithPath("/transfers").UsingGet()).RespondWith(Response.Create().WithStatusCode(500));

        await Assert.ThrowsAsync<BrokenCircuitException>(() => _h.Pull.RunOnceAsync(CancellationToken.None), "two failures open it mid-retry");
        var callsWhenOpened = _h.Requests("GET", "/transfers").Count;
        _h.Gateway.ResetMappings();
        _h.Gateway.Given(Request.Create().WithPath("/transfers").UsingGet()).RespondWith(Page(RegulatorHarness.Transfer("CB-1")));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => _h.Pull.RunOnceAsync(CancellationToken.None), "still open");
        Assert.That(_h.Requests("GET", "/transfers"), Has.Count.EqualTo(callsWhenOpened), "no call while open");

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var recovered = await _h.Pull.RunOnceAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(callsWhenOpened, Is.EqualTo(2));
            Assert.That(recovered.Created, Is.EqualTo(1));
            Assert.That(_h.Requests("GET", "/transfers"), Has.Count.EqualTo(callsWhenOpened + 1), "one half-open trial, which closed it");
        });
    }
}
