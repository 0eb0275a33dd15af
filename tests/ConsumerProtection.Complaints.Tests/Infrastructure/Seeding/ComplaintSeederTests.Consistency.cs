using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Modules.Complaints.DeadlineAlerts;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Shared.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Complaints.Tests.Infrastructure.Seeding;

// Timestamps, deadlines and status agree the way the workflow would have left them; the API and the job read the rows.
public sealed partial class ComplaintSeederTests
{
    [Test]
    public void Seed_TimestampsFollowTheLifecycle()
    {
        // A reopened complaint keeps its first follow-up until it is followed up again, as the workflow leaves it.
        static IEnumerable<DateTimeOffset> Steps(ComplaintRow r) =>
            new[] { r.ReceivedAt, r.CreatedAt, r.AssignedAt, r.ReferredAt, r.RespondedAt, r.ReopenedCount == 0 ? r.FollowedUpAt : null, r.ClosedAt }
                .Where(t => t is not null).Select(t => t!.Value);
        Assert.Multiple(() =>
        {
            Assert.That(_rows.Where(r => !Steps(r).SequenceEqual(Steps(r).Order())).Select(r => r.Reference), Is.Empty, "steps in time order");
            Assert.That(_rows.Where(r => r.UpdatedAt > Now || Steps(r).Any(t => t > r.UpdatedAt)).Select(r => r.Reference), Is.Empty);
            Assert.That(In(ComplaintStatus.Closed).Where(r => r.ClosedDate is null || r.FollowedUpAt is null || r.Upheld is null || r.HandlingWorkingDays is null),
                Is.Empty);
            Assert.That(In(ComplaintStatus.Withdrawn).Where(r => r.WithdrawnAt is null || r.ClosedAt is not null), Is.Empty);
            Assert.That(_rows.Where(r => Lifecycle.IsOpen(r.StatusValue) && (r.RespondedAt is not null && r.ReopenedCount == 0 || r.ClosedAt is not null)), Is.Empty);
            Assert.That(_rows.Where(r => r.StatusValue == ComplaintStatus.Received && r.AssignedAt is not null), Is.Empty);
            Assert.That(_rows.Where(r => r.RespondedAt is { } at && r.AnsweredWithinInternal != (at <= r.InternalDueAt)), Is.Empty);
            Assert.That(_rows.Where(r => r.Version < 1 || (r.StatusValue == ComplaintStatus.Closed && r.Version < 6)), Is.Empty);
        });
    }

    [Test]
    public async Task Seed_DeadlinesFollowThePolicy_AndRepeatsPointToAnEarlierSameConsumerComplaint()
    {
        var rules = await _factory.Services.GetRequiredService<IWorkingCalendar>().GetAsync(CancellationToken.None);
        var byId = _rows.ToDictionary(r => r.Id);
        Assert.Multiple(() =>
        {
            Assert.That(_rows.Where(r => r.InternalDueAt != Deadlines.Internal(rules, r.ReceivedAt, r.InternalExtended ? r.InternalExtDays : r.InternalDays)),
                Is.Empty);
            Assert.That(_rows.Where(r => r.RegulatoryDueAt != Deadlines.Regulatory(rules, r.ReceivedAt, r, r.RegExtensionLevel)), Is.Empty);
            Assert.That(_rows.Where(r => Lifecycle.IsOpen(r.StatusValue) && r.DueState != Deadlines.StateOf(rules, Now, r, 1).ToString()), Is.Empty);
            Assert.That(_rows.Where(r => r.RepeatOfId is { } earlier && !(byId.TryGetValue(earlier, out var e)
                && e.ConsumerPhoneBidx == r.ConsumerPhoneBidx && e.ProductCode == r.ProductCode && e.ReceivedAt <= r.ReceivedAt
                && e.ReceivedAt >= r.ReceivedAt.AddDays(-30))), Is.Empty);
        });
    }

    [Test]
    public async Task SeededRows_ReadThroughTheApi()
    {
        var consumers = _factory.Services.GetRequiredService<ComplaintStore>().Consumers;
        Assert.That(_rows.Select(r => ComplaintView.From(r, consumers)).Count(), Is.EqualTo(2000), "every row maps to the API view");
        var seen = 0L;
        for (var page = 1; page <= 11; page++)
        {
            var list = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?pageSize=200&page={page}&sort=reference");
            Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(2001), "the seeded rows and the one filed live");
            seen += list.GetProperty("items").GetArrayLength();
        }

        foreach (var row in _rows.Where((_, i) => i % 97 == 0))
        {
            var byId = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{row.Id}");
            var byReference = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/by-reference/{row.Reference}");
            Assert.That(byReference.GetProperty("id").GetGuid(), Is.EqualTo(byId.GetProperty("id").GetGuid()));
        }

        var overdue = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints?overdue=true&pageSize=1");
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(2001));
            Assert.That(overdue.GetProperty("total").GetInt64(),
                Is.EqualTo(_rows.Count(r => Lifecycle.IsOpen(r.StatusValue) && (r.InternalDueAt <= Now || r.RegulatoryDueAt <= Now))), "the live one is not overdue");
        });
    }

    [Test]
    public async Task Seed_WritesOneSummaryAuditRow_ChainVerifies_AndLiveIntakeContinuesTheNumbering()
    {
        var audit = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/complaints/records?action=complaints.seeded");
        var verify = await (await _admin.PostAsync("/api/v1/audit/complaints/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        var today = _rows.Count(r => r.Reference.StartsWith("CP-20260320-", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(1));
            var after = audit.GetProperty("items")[0].GetProperty("after");
            Assert.That(after.GetProperty("count").GetInt64(), Is.EqualTo(2000));
            Assert.That(after.GetProperty("seed").GetInt32(), Is.EqualTo(7));
            Assert.That(verify.GetProperty("ok").GetBoolean(), Is.True);
            Assert.That(today, Is.GreaterThan(0));
            Assert.That(_liveReference, Is.EqualTo($"CP-20260320-{today + 1:D6}"));
        });
    }

    [Test]
    public async Task DeadlineJob_OnTheSeededBacklog_PagesThroughEveryOpenComplaint_AndChangesNoState()
    {
        var open = _rows.Count(r => Lifecycle.IsOpen(r.StatusValue));
        var job = _factory.Services.GetRequiredService<DeadlineJob>();
        var first = await job.RunOnceAsync(CancellationToken.None);
        var second = await job.RunOnceAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(open, Is.GreaterThan(37), "more open complaints than one batch");
            Assert.That(first.Checked, Is.EqualTo(open + 1), "the seeded open complaints and the one filed live");
            Assert.That(first.StateChanges, Is.LessThanOrEqualTo(1));
            Assert.That(first.AlertsRaised, Is.GreaterThan(0));
            Assert.That(second, Is.EqualTo(new DeadlineRun(open + 1, 0, 0)));
        });
    }
}
