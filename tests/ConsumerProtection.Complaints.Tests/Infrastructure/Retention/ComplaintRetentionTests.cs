using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.Complaints.Tests.Infrastructure.Retention;

/// <summary>Issue §8: kept at least 3 years after closure; delete refused with the date; disposal anonymises and keeps the statistics.</summary>
internal sealed class ComplaintRetentionTests : ClockedApiTest
{
    private static readonly string[] Personal =
    [
        "consumer_name", "consumer_phone", "consumer_email", "consumer_id_type", "consumer_id_number", "description", "response_text", "recordings", "vulnerable_note",
        "consumer_key_id", "consumer_phone_bidx", "consumer_email_bidx", "consumer_id_number_bidx",
    ];

    private static readonly string[] Statistics =
    [
        "reference", "status", "received_at", "received_date", "closed_at", "closed_date", "responded_at", "intake_channel", "branch_id",
        "business_channel", "business_type", "reason", "product_code", "product_name", "amount_minor", "currency", "outcome", "upheld",
        "redress_minor", "handling_working_days", "answered_within_internal", "answered_within_regulatory", "internal_due_at",
        "regulatory_due_at", "satisfied", "satisfaction_score", "vulnerable_elderly", "repeat_of_id", "root_cause",
    ];

    private async Task<Guid> FileAsync() => (await ComplaintsApi.FileAsync(Admin, ComplaintsApi.Body(Received, b =>
    {
        b["consumer"] = new Dictionary<string, object?>
        {
            ["name"] = "李明", ["phone"] = "+86 139 0000 2222", ["email"] = "li.ming@example.com", ["idType"] = "ResidentId", ["idNumber"] = "11010519491231002X",
        };
        b["vulnerable"] = new Dictionary<string, object?> { ["elderly"] = true, ["note"] = "听力不佳，需大声沟通" };
        b["recordings"] = new[] { "rec://counter-3/2026-03-02/0915" };
    }))).GetProperty("id").GetGuid();

    private async Task ActAsync(Guid id, string action, object? body = null)
    {
        var version = (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}")).GetProperty("version").GetInt64();
        using var response = await ComplaintsApi.ActAsync(Admin, id, action, version, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{action}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<DateTimeOffset> CloseAsync(Guid id)
    {
        await ActAsync(id, "assign", new { departmentId = "CPD", handlerId = await ComplaintsApi.CallerIdAsync(Admin) });
        await ActAsync(id, "start");
        Time.Advance(TimeSpan.FromDays(2));
        await ActAsync(id, "respond", new { outcome = "MonetaryRelief", responseText = "经核实，已向李明先生退还年费" });
        Time.Advance(TimeSpan.FromDays(1));
        await ActAsync(id, "follow-up", new { satisfied = true, satisfactionScore = 4 });
        await ActAsync(id, "close",
            new { rootCause = "告知流程缺失", remediation = "更新告知模板", accountability = "网点主管", upheld = "Partly", redressPaid = 300.50m });
        return (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}")).GetProperty("closedAt").GetDateTimeOffset();
    }

    private async Task<JsonElement> DeleteRefusedAsync(Guid id, string reason)
    {
        var problem = await HttpAssert.Problem(await Admin.DeleteAsync($"/api/v1/complaints/{id}"), 409);
        Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo(reason), problem.ToString());
        return problem;
    }

    private async Task<JsonElement> DisposalRunAsync() =>
        await (await Admin.PostAsync("/api/v1/retention/disposal-runs", null)).Content.ReadFromJsonAsync<JsonElement>();

    // The name as the API shows it: at rest it is sealed, so the raw column never equals it.
    private async Task<string?> ConsumerNameAsync(Guid id) =>
        (await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/consumer")).GetProperty("name").GetString();

    private Dictionary<string, object?> Columns(Guid id, IEnumerable<string> columns)
    {
        using var db = Factory.OpenFile("complaints");
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT {string.Join(", ", columns)} FROM complaint WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id.ToString());
        using var reader = cmd.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    [Test]
    public async Task Delete_OpenComplaint_Answers409Active()
    {
        var id = await FileAsync();
        var problem = await DeleteRefusedAsync(id, "active");
        Assert.That(problem.GetProperty("disposableOn").ValueKind, Is.EqualTo(JsonValueKind.Null));
        await HttpAssert.Problem(await Admin.DeleteAsync($"/api/v1/complaints/{Guid.NewGuid()}"), 404);
    }

    [Test]
    public async Task Delete_WithinThreeYearsOfClosure_Answers409WithDisposableOn()
    {
        var id = await FileAsync();
        var closedAt = await CloseAsync(id);
        Time.Advance(TimeSpan.FromDays(3 * 365));

        var problem = await DeleteRefusedAsync(id, "retention");
        Assert.That(problem.GetProperty("disposableOn").GetDateTimeOffset(), Is.EqualTo(closedAt.AddYears(3)));
        Assert.That((await DisposalRunAsync()).GetProperty("disposed").GetInt32(), Is.Zero);
        Assert.That(await ConsumerNameAsync(id), Is.EqualTo("李明"));
        Assert.That(Columns(id, ["consumer_name"])["consumer_name"], Does.StartWith("enc:v1:"));
    }

    [Test]
    public async Task LegalHold_PastRetention_BlocksDeleteAndDisposal()
    {
        var id = await FileAsync();
        await CloseAsync(id);
        using var placed = await Admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "complaint", recordId = id.ToString(), reason = "诉讼保全 2026-07" });
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Time.Advance(TimeSpan.FromDays(3 * 366));

        await DeleteRefusedAsync(id, "legal-hold");
        var run = await DisposalRunAsync();
        Assert.Multiple(() =>
        {
            Assert.That(run.GetProperty("held").GetInt32(), Is.EqualTo(1));
            Assert.That(run.GetProperty("disposed").GetInt32(), Is.Zero);
            Assert.That(Columns(id, ["anonymised_at"])["anonymised_at"], Is.Null);
        });
    }

    [Test]
    public async Task DisposalRun_AfterExpiry_AnonymisesClosedAndWithdrawn_KeepsStatistics_AuditChainHolds()
    {
        var closed = await FileAsync();
        await CloseAsync(closed);
        var withdrawn = await FileAsync();
        await ActAsync(withdrawn, "withdraw", new { reason = "李明称已与网点自行协商解决" });
        var open = await FileAsync();
        var before = Columns(closed, Statistics);
        Time.Advance(TimeSpan.FromDays(3 * 366));

        var run = await DisposalRunAsync();
        var again = await DisposalRunAsync();

        var after = Columns(closed, [.. Statistics, .. Personal, "anonymised_at", "withdraw_reason", "version"]);
        var view = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{closed}");
        var consumer = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{closed}/consumer");
        var audit = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/complaints/records?action=complaint.anonymised");
        var verify = await (await Admin.PostAsync("/api/v1/audit/complaints/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        var openName = await ConsumerNameAsync(open);
        Assert.Multiple(() =>
        {
            Assert.That(run.GetProperty("disposed").GetInt32(), Is.EqualTo(2));
            Assert.That(again.GetProperty("disposed").GetInt32(), Is.Zero, "already anonymised: not a candidate again");
            Assert.That(Statistics.ToDictionary(c => c, c => after[c]), Is.EqualTo(before), "every statistics input is kept");
            Assert.That(Personal.Where(c => after[c] is not null), Is.Empty, "consumer details and free text are cleared");
            Assert.That(after["anonymised_at"], Is.Not.Null);
            Assert.That(after["version"], Is.EqualTo(7L));
            Assert.That(Columns(withdrawn, ["consumer_name", "withdraw_reason", "anonymised_at"]).Values, Has.None.EqualTo("李明").And.Not.All.Null);
            Assert.That(openName, Is.EqualTo("李明"), "an open complaint is never disposed of");
            Assert.That(Columns(open, ["consumer_key_id", "consumer_phone_bidx"]).Values, Has.None.Null, "nor its key id and blind index");
            Assert.That(view.GetProperty("anonymised").GetBoolean(), Is.True);
            Assert.That(view.GetProperty("upheld").GetString(), Is.EqualTo("Partly"));
            Assert.That(view.GetProperty("redressPaid").GetProperty("amount").GetDecimal(), Is.EqualTo(300.50m));
            Assert.That(consumer.GetProperty("name").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(audit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("entityId").GetString()),
                Is.EquivalentTo(new[] { closed.ToString(), withdrawn.ToString() }));
            Assert.That(audit.GetRawText(), Does.Not.Contain("李明"));
            Assert.That(verify.GetProperty("ok").GetBoolean(), Is.True, verify.ToString());
        });
    }
}
