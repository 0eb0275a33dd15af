using System.Text.Json;

namespace ConsumerProtection.Complaints.Tests.Regulator;

/// <summary>Pulling transfers: complaints with channel RegulatorTransfer, one per regulator case id, bad ones recorded.</summary>
internal sealed class RegulatorPullTests
{
    private RegulatorHarness _h = null!;

    [SetUp]
    public void Start() => _h = new RegulatorHarness();

    [TearDown]
    public void Stop() => _h.Dispose();

    [Test]
    public async Task Pull_NewTransfers_CreatesRegulatorTransferComplaints_AndKeepsTheCursor()
    {
        _h.ServeTransfers("cursor-1", RegulatorHarness.Transfer("12378-0001"), RegulatorHarness.Transfer("12378-0002"));

        var first = await _h.Pull.RunOnceAsync(CancellationToken.None);
        var second = await _h.Pull.RunOnceAsync(CancellationToken.None);

        var rows = await _h.ListAsync<(string Channel, string Branch, string Responder, string CaseId)>(
            "SELECT intake_channel, branch_id, first_responder_id, regulator_case_id FROM complaint ORDER BY regulator_case_id");
        var gets = _h.Requests("GET", "/transfers");
        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo(new Modules.Complaints.Regulator.PullResult(2, 0, 0, 1)));
            Assert.That(second.Duplicates, Is.EqualTo(2));
            Assert.That(rows, Is.EqualTo(new[]
            {
                ("RegulatorTransfer", RegulatorHarness.Branch, "system:regulator-gateway", "12378-0001"),
                ("RegulatorTransfer", RegulatorHarness.Branch, "system:regulator-gateway", "12378-0002"),
            }));
            Assert.That(gets[0].RequestMessage!.Query!.ContainsKey("since"), Is.False, "the first pull starts at the beginning");
            Assert.That(gets[1].RequestMessage!.Query!["since"].ToString(), Is.EqualTo("cursor-1"));
            Assert.That(gets[0].RequestMessage!.Headers!["X-Api-Key"].ToString(), Is.EqualTo(RegulatorHarness.ApiKey));
        });
        var audit = await _h.QueryAsync<string>("SELECT actor_id FROM audit_log WHERE action = 'complaint.received' ORDER BY seq LIMIT 1");
        Assert.That(audit, Is.EqualTo("system:regulator-gateway"));
    }

    [Test]
    public async Task Pull_SameCaseTwiceInOnePull_AndAgainInTheNext_OneComplaint()
    {
        _h.ServeTransfers("c", RegulatorHarness.Transfer("DUP-1"), RegulatorHarness.Transfer("DUP-1"), RegulatorHarness.Transfer("DUP-2"));

        var first = await _h.Pull.RunOnceAsync(CancellationToken.None);
        var second = await _h.Pull.RunOnceAsync(CancellationToken.None);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That((first.Created, first.Duplicates), Is.EqualTo((2, 1)));
            Assert.That((second.Created, second.Duplicates), Is.EqualTo((0, 3)));
            Assert.That(await _h.ComplaintsForCaseAsync("DUP-1"), Is.EqualTo(1));
            Assert.That(await _h.QueryAsync<long>("SELECT COUNT(*) FROM complaint"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Pull_ConcurrentRunsOnTheSamePage_OneComplaintPerCase_NoError()
    {
        // Runs race past the look-up; the UNIQUE index on regulator_case_id turns the loser into a duplicate.
        _h.ServeTransfers("c", [.. Enumerable.Range(1, 6).Select(i => (object)RegulatorHarness.Transfer($"RACE-{i}"))]);

        var pull = _h.Pull;
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => pull.RunOnceAsync(CancellationToken.None))));

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(results.Sum(r => r.Created), Is.EqualTo(6));
            Assert.That(results.Sum(r => r.Duplicates), Is.EqualTo(18));
            Assert.That(await _h.QueryAsync<long>("SELECT COUNT(DISTINCT regulator_case_id) FROM complaint"), Is.EqualTo(6));
            Assert.That(await _h.QueryAsync<long>("SELECT COUNT(*) FROM complaint"), Is.EqualTo(6));
        });
    }

    [Test]
    public async Task Pull_InvalidTransfers_AreRecordedWithoutPersonalData_AndDoNotBlockOthers()
    {
        _h.ServeTransfers("after-bad",
            RegulatorHarness.Transfer("BAD-CODE", t => t["reason"] = "C77"),
            RegulatorHarness.Transfer("BAD-TIME", t => t["receivedAt"] = "2026-03-01T09:00:00"),
            RegulatorHarness.Transfer("BAD-PHONE", t => t["consumer"] = new { name = "张伟", phone = "call me" }),
            RegulatorHarness.Transfer("", t => t.Remove("caseId")),
            RegulatorHarness.Transfer("GOOD-1"));

        var result = await _h.Pull.RunOnceAsync(CancellationToken.None);

        var rejections = await _h.ListAsync<(string CaseId, string Errors)>("SELECT case_id, errors FROM regulator_transfer_rejection ORDER BY rejected_at, case_id");
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((result.Created, result.Rejected), Is.EqualTo((1, 4)));
            Assert.That(await _h.ComplaintsForCaseAsync("GOOD-1"), Is.EqualTo(1));
            Assert.That(rejections.Select(r => r.CaseId), Is.EquivalentTo(new[] { "BAD-CODE", "BAD-TIME", "BAD-PHONE", "(none)" }));
            Assert.That(Errors(rejections, "BAD-CODE"), Does.ContainKey("reason"));
            Assert.That(Errors(rejections, "BAD-TIME"), Does.ContainKey("$.receivedAt"));
            Assert.That(Errors(rejections, "BAD-PHONE"), Does.ContainKey("consumer.phone"));
            Assert.That(Errors(rejections, "(none)"), Does.ContainKey("caseId"));
            Assert.That(string.Concat(rejections.Select(r => r.Errors)), Does.Not.Contain("张伟").And.Not.Contain("call me"));
            Assert.That(await _h.QueryAsync<string>("SELECT last_cursor FROM regulator_cursor"), Is.EqualTo("after-bad"));
        });
        var status = await _h.StatusAsync();
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(status.GetProperty("cursor").GetString(), Is.EqualTo("after-bad"));
            Assert.That(status.GetProperty("recentRejections").EnumerateArray().Select(r => r.GetProperty("caseId").GetString()),
                Is.EquivalentTo(new[] { "BAD-CODE", "BAD-TIME", "BAD-PHONE", "(none)" }));
            Assert.That(status.GetProperty("recentRejections")[0].GetProperty("errors").EnumerateObject(), Is.Not.Empty);
        });
    }

    private static Dictionary<string, string[]> Errors(List<(string CaseId, string Errors)> rows, string caseId) =>
        JsonSerializer.Deserialize<Dictionary<string, string[]>>(rows.Single(r => r.CaseId == caseId).Errors)!;
}
