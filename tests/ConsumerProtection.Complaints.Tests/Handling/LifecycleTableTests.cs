using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Complaints.Tests.Handling;

/// <summary>The served state machine, the README's table and the endpoints' roles are one table.</summary>
public sealed class LifecycleTableTests
{
    private const string Begin = "<!-- lifecycle-table:begin (generated: GET /api/v1/complaints/lifecycle, Accept: text/markdown) -->";
    private const string End = "<!-- lifecycle-table:end -->";

    private static string ReadmePath([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../Modules/Complaints/README.md"));

    [Test]
    public async Task Lifecycle_Served_CloseOnlyAfterFollowUp_OverlaysKeepTheState()
    {
        using var factory = new ApiFactory();
        var (teller, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "SH001");
        using (teller)
        {
            var body = await teller.GetFromJsonAsync<JsonElement>("/api/v1/complaints/lifecycle");
            var steps = body.GetProperty("steps").EnumerateArray()
                .Select(s => (From: s.GetProperty("from").GetString(), Action: s.GetProperty("action").GetString(), To: s.GetProperty("to").GetString(),
                    Route: s.GetProperty("route").GetString(), Roles: s.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList())).ToList();
            Assert.That(steps.Where(s => s.Action == "Close").Select(s => (s.From, s.To)), Is.EqualTo(new[] { ("FollowedUp", "Closed") }));
            Assert.That(steps.Where(s => s.Action == "Escalate").All(s => s.From == s.To), Is.True);
            Assert.That(steps.Single(s => s.Action == "RecordReferralOutcome").Route, Is.EqualTo("referral-outcome"));
            Assert.That(steps.First(s => s.Action == "ExtendInternal").Roles, Is.EqualTo(new[] { "ComplaintSupervisor" }));
            Assert.That(steps.Where(s => s.From is "Closed" or "Withdrawn").Select(s => s.Action), Is.EqualTo(new[] { "Reopen" }));
        }
    }

    [Test]
    public async Task Lifecycle_ReadmeTable_IsTheServedMarkdown()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/complaints/lifecycle");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        using var response = await admin.SendAsync(request);
        var served = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/markdown"));

        var readme = (await File.ReadAllTextAsync(ReadmePath())).ReplaceLineEndings("\n");
        var from = readme.IndexOf(Begin, StringComparison.Ordinal);
        var to = readme.IndexOf(End, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0), "README has no lifecycle table markers");
        var table = readme[(from + Begin.Length)..to].Trim('\n') + "\n";
        Assert.That(table, Is.EqualTo(served), "Regenerate the README table from GET /api/v1/complaints/lifecycle (Accept: text/markdown):\n" + served);
    }
}
