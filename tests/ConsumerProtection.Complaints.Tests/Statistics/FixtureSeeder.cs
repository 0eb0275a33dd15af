using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Statistics;

/// <summary>
/// Plays the fixture through the public API in time order, moving the fake clock to each event, so every date and
/// deadline flag is the product's own (filed at receipt, answered, followed up and closed, withdrawn, acknowledged).
/// </summary>
internal sealed class FixtureSeeder(HttpClient supervisor, FakeTimeProvider time)
{
    private readonly Dictionary<string, (Guid Id, long Version)> _state = [];

    public IReadOnlyDictionary<string, Guid> Ids => _state.ToDictionary(s => s.Key, s => s.Value.Id);

    public async Task SeedAsync(IReadOnlyList<FixtureComplaint> complaints, DateTimeOffset end)
    {
        var events = new List<(DateTimeOffset At, int Order, FixtureComplaint C, Func<FixtureComplaint, Task> Act)>();
        foreach (var c in complaints)
        {
            events.Add((c.ReceivedAt, 0, c, FileAsync));
            Add(events, c.AnsweredAt, 1, c, RespondAsync);
            Add(events, c.IncidentAcknowledgedAt, 2, c, AcknowledgeAsync);
            Add(events, c.ClosedAt, 3, c, CloseAsync);
            Add(events, c.WithdrawnAt, 4, c, WithdrawAsync);
        }

        foreach (var e in events.OrderBy(e => e.At).ThenBy(e => e.Order))
        {
            time.SetUtcNow(e.At);
            await e.Act(e.C);
        }

        time.SetUtcNow(end);
    }

    private static void Add(
        List<(DateTimeOffset, int, FixtureComplaint, Func<FixtureComplaint, Task>)> events, DateTimeOffset? at, int order,
        FixtureComplaint c, Func<FixtureComplaint, Task> act)
    {
        if (at is { } when)
        {
            events.Add((when, order, c, act));
        }
    }

    private async Task FileAsync(FixtureComplaint c)
    {
        var body = ComplaintsApi.Body(c.ReceivedAt, b =>
        {
            b["branchId"] = c.Branch;
            b["productCode"] = c.Product;
            b["businessChannel"] = c.A;
            b["businessType"] = c.B;
            b["reason"] = c.C;
            b["intakeChannel"] = c.Intake;
            b["currency"] = c.Currency;
            b["regulatorCaseId"] = c.RegulatorCaseId;
            b["consumer"] = new Dictionary<string, object?> { ["name"] = "客户" + c.Key, ["phone"] = "+86 139 0000 " + (1000 + _state.Count) };
            if (c.IncidentFlag is { } flag)
            {
                b[flag] = true;
            }
        });
        var filed = await ComplaintsApi.FileAsync(supervisor, body);
        _state[c.Key] = (filed.GetProperty("id").GetGuid(), filed.GetProperty("version").GetInt64());
    }

    private async Task RespondAsync(FixtureComplaint c)
    {
        await ActAsync(c, "assign", new { departmentId = "cp-team", handlerId = await ComplaintsApi.CallerIdAsync(supervisor) });
        await ActAsync(c, "start", null);
        await ActAsync(c, "respond", new { outcome = c.Redress is > 0 ? "MonetaryRelief" : "ClosedWithExplanation", responseText = "已答复" });
    }

    private async Task CloseAsync(FixtureComplaint c)
    {
        await ActAsync(c, "follow-up", new { satisfied = true, satisfactionScore = 4 });
        await ActAsync(c, "close", new { rootCause = "溯源", remediation = "整改", accountability = "问责", upheld = c.Upheld, redressPaid = c.Redress });
    }

    private Task WithdrawAsync(FixtureComplaint c) => ActAsync(c, "withdraw", new { reason = "客户撤诉" });

    private async Task AcknowledgeAsync(FixtureComplaint c)
    {
        var incidents = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/complaints/incidents");
        var incident = incidents.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("complaintId").GetGuid() == _state[c.Key].Id);
        using var response = await supervisor.PostAsync($"/api/v1/complaints/incidents/{incident.GetProperty("id").GetGuid()}/acknowledge", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private async Task ActAsync(FixtureComplaint c, string action, object? body)
    {
        var (id, version) = _state[c.Key];
        using var response = await ComplaintsApi.ActAsync(supervisor, id, action, version, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{c.Key} {action}: {text}");
        _state[c.Key] = (id, JsonDocument.Parse(text).RootElement.GetProperty("version").GetInt64());
    }
}
