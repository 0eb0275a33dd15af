using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Integration;

/// <summary>Issue 4 §5: the Complaints module records a C2 access whenever a complaint's consumer details are read or exported.</summary>
public sealed class ComplaintsAccessTests
{
    private ApiFactory _api = null!;
    private HttpClient _admin = null!;

    [SetUp]
    public void SetUp()
    {
        _api = new ApiFactory(time: new FakeTimeProvider(PiEvents.Now), modules: ["PersonalInfoAccess", "Complaints"]);
        _admin = _api.Admin();
    }

    [TearDown]
    public void TearDown()
    {
        _admin.Dispose();
        _api.Dispose();
    }

    private async Task<JsonElement> FileAsync()
    {
        var response = await _admin.PostAsJsonAsync("/api/v1/complaints", new Dictionary<string, object?>
        {
            ["receivedAt"] = PiEvents.Now.AddHours(-1),
            ["intakeChannel"] = "Counter",
            ["branchId"] = "SH001",
            ["consumer"] = new Dictionary<string, object?> { ["name"] = "王芳", ["phone"] = "+86 138 0000 1111" },
            ["businessChannel"] = "A1",
            ["businessType"] = "B032",
            ["reason"] = "C11",
            ["productCode"] = "CC-GOLD",
            ["productName"] = "金卡信用卡",
            ["description"] = "年费收取未事先告知",
        });
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private List<Dictionary<string, object?>> Rows()
    {
        using var c = _api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT source_system, categories, max_tier, action, purpose, legal_basis, business_ref, staff_id, customer_ref FROM access_event ORDER BY seq";
        using var r = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (r.Read())
        {
            rows.Add(Enumerable.Range(0, r.FieldCount).ToDictionary(r.GetName, i => r.IsDBNull(i) ? null : r.GetValue(i)));
        }

        return rows;
    }

    [Test]
    public async Task FilingAndReadingWithoutConsumer_RecordNothing()
    {
        var complaint = await FileAsync();
        (await _admin.GetAsync($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}")).EnsureSuccessStatusCode();
        Assert.That(Rows(), Is.Empty);
    }

    [Test]
    public async Task ReadingConsumerDetails_RecordsOneC2ViewForComplaintHandling()
    {
        var complaint = await FileAsync();
        var reference = complaint.GetProperty("reference").GetString();
        var response = await _admin.GetAsync($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/consumer");
        response.EnsureSuccessStatusCode();
        var rows = Rows();
        Assert.That(rows, Has.Count.EqualTo(1));
        Assert.Multiple(() =>
        {
            Assert.That(rows[0]["source_system"], Is.EqualTo("consumer-protection/complaints"));
            Assert.That(rows[0]["categories"], Is.EqualTo("consumer-contact:C2,consumer-id-number:C2,consumer-name:C2"));
            Assert.That(rows[0]["max_tier"], Is.EqualTo(2L));
            Assert.That(rows[0]["action"], Is.EqualTo("View"));
            Assert.That(rows[0]["purpose"], Is.EqualTo("ComplaintHandling"));
            Assert.That(rows[0]["legal_basis"], Is.EqualTo("LegalObligation"));
            Assert.That(rows[0]["business_ref"], Is.EqualTo(reference));
            Assert.That(rows[0]["customer_ref"], Is.EqualTo("complaint:" + reference));
            Assert.That((string?)rows[0]["staff_id"], Does.StartWith("key:"));
        });
    }

    [Test]
    public async Task ExportWithConsumerColumns_RecordsAnExport()
    {
        await FileAsync();
        var response = await _admin.GetAsync("/api/v1/complaints/export?includeConsumer=true");
        response.EnsureSuccessStatusCode();
        var rows = Rows();
        Assert.That(rows.Select(r => r["action"]), Is.EqualTo(new[] { "Export" }));
    }
}
