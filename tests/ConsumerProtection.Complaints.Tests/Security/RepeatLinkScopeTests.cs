using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Security;

/// <summary>
/// A repeat complaint is linked whatever the branch, but the link is shown only to callers who may see the earlier
/// complaint: a teller of another branch must not learn that the same phone number complained elsewhere.
/// </summary>
public sealed class RepeatLinkScopeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task OtherBranchTeller_DoesNotSeeTheLink_SupervisorAndSameBranchDo()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        var (br1, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "BR001");
        var (br2, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "BR002");
        var (supervisor, _) = await ComplaintsApi.ClientAsync(factory, [Role.ComplaintSupervisor]);
        using (br1)
        using (br2)
        using (supervisor)
        {
            var first = await ComplaintsApi.FileAsync(br1, ComplaintsApi.Body(Now, b => b["branchId"] = "BR001"));
            var firstId = first.GetProperty("id").GetGuid();
            var again = await ComplaintsApi.FileAsync(br1, ComplaintsApi.Body(Now, b => b["branchId"] = "BR001"));
            Assert.That(again.GetProperty("repeatOfId").GetGuid(), Is.EqualTo(firstId), "the same branch sees its own earlier complaint");
            var againId = again.GetProperty("id").GetGuid();

            var elsewhere = await ComplaintsApi.FileAsync(br2, ComplaintsApi.Body(Now, b => b["branchId"] = "BR002"));
            var elsewhereId = elsewhere.GetProperty("id").GetGuid();
            Assert.Multiple(() =>
            {
                Assert.That(elsewhere.GetProperty("repeatOfId").ValueKind, Is.EqualTo(JsonValueKind.Null), "201 to the other branch");
                Assert.That(elsewhere.GetProperty("isRepeat").GetBoolean(), Is.False);
            });
            var read = await br2.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{elsewhereId}");
            Assert.That(read.GetProperty("repeatOfId").ValueKind, Is.EqualTo(JsonValueKind.Null), "GET by the other branch");
            var list = await br2.GetFromJsonAsync<JsonElement>("/api/v1/complaints");
            Assert.That(list.GetProperty("items")[0].GetProperty("isRepeat").GetBoolean(), Is.False, "list by the other branch");
            var repeats = await br2.GetFromJsonAsync<JsonElement>("/api/v1/complaints?repeat=true");
            Assert.That(repeats.GetProperty("total").GetInt64(), Is.Zero, "the repeat filter reveals no more than the rows");
            var csv = (await br2.GetStringAsync("/api/v1/complaints/export")).TrimStart('\uFEFF').Split("\r\n");
            var column = Array.IndexOf(csv[0].Split(','), "isRepeat");
            Assert.That(column, Is.GreaterThanOrEqualTo(0));
            Assert.That(csv[1].Split(',')[column], Is.EqualTo("false"), "export by the other branch shows no repeat flag");

            var seen = await supervisor.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{elsewhereId}");
            Assert.That(seen.GetProperty("repeatOfId").GetGuid(), Is.AnyOf(firstId, againId), "the link is stored and shown to a supervisor");
        }
    }
}
