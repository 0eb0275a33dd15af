using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Reading;

/// <summary>The complaint read serves kept JSON only while the stored version is the one it was made from.</summary>
public sealed class ComplaintViewCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task Read_AfterAChangeWrittenByAnotherHost_AnswersTheStoredComplaint()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var filed = await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now));
        var id = filed.GetProperty("id").GetGuid();
        var first = await admin.GetAsync($"/api/v1/complaints/{id}");
        Assert.That(first.Headers.ETag!.Tag, Is.EqualTo("\"1\""));
        Assert.That((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("productName").GetString(), Is.EqualTo("金卡信用卡"));

        // Another host shares the database: it writes through its own connection and bumps the version, as every change does.
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "complaints.db")}"))
        {
            await other.OpenAsync();
            await using var update = other.CreateCommand();
            update.CommandText = "UPDATE complaint SET product_name = 'changed elsewhere', version = version + 1 WHERE id = $id";
            update.Parameters.AddWithValue("$id", id.ToString("D"));
            Assert.That(await update.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var second = await admin.GetAsync($"/api/v1/complaints/{id}");
        Assert.That(second.Headers.ETag!.Tag, Is.EqualTo("\"2\""));
        Assert.That((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("productName").GetString(), Is.EqualTo("changed elsewhere"));
        var byReference = await admin.GetFromJsonAsync<JsonElement>(
            $"/api/v1/complaints/by-reference?reference={filed.GetProperty("reference").GetString()}");
        Assert.That(byReference.GetProperty("productName").GetString(), Is.EqualTo("changed elsewhere"));
    }

    [Test]
    public async Task Read_ByHandlerAfterReassignmentElsewhere_Is404_ThoughTheirEarlierReadWasKept()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        var (handler, handlerId) = await ComplaintsApi.ClientAsync(factory, [Role.ComplaintHandler], department: "loans");
        var (_, otherHandler) = await ComplaintsApi.ClientAsync(factory, [Role.ComplaintHandler], department: "cards");
        using (handler)
        {
            var id = (await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now))).GetProperty("id").GetGuid();
            (await ComplaintsApi.ActAsync(admin, id, "assign", 1, new { departmentId = "loans", handlerId })).EnsureSuccessStatusCode();
            Assert.That((await handler.GetAsync($"/api/v1/complaints/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            (await ComplaintsApi.ActAsync(admin, id, "assign", 2, new { departmentId = "cards", handlerId = otherHandler })).EnsureSuccessStatusCode();

            await HttpAssert.Problem(await handler.GetAsync($"/api/v1/complaints/{id}"), 404);
        }
    }

    [Test]
    public void Cache_KeepsNoViewHoldingAVulnerabilityNote_AndServesOnlyTheVersionItWasMadeFrom()
    {
        var cache = NewCache(entries: 100);
        var plain = Row(Guid.NewGuid(), version: 3, note: null);
        var noted = Row(Guid.NewGuid(), version: 1, note: "sealed note");

        var json = cache.Serialise(View(plain), plain, repeatVisible: true);
        cache.Serialise(View(noted), noted, repeatVisible: true);

        Assert.That(cache.Find(plain.Id, true, 3), Is.SameAs(json));
        Assert.That(cache.Find(plain.Id, true, 4), Is.Null, "a newer stored version");
        Assert.That(cache.Find(plain.Id, false, 3), Is.Null, "the variant without the repeat link is another entry");
        Assert.That(cache.Find(noted.Id, true, 1), Is.Null);
    }

    [Test]
    public void Cache_StaysWithinItsCapacity_AndKeepsWhatIsRead()
    {
        var cache = NewCache(entries: 10);
        var hot = Row(Guid.NewGuid(), version: 1, note: null);
        cache.Serialise(View(hot), hot, repeatVisible: true);
        for (var i = 0; i < 1000; i++)
        {
            var row = Row(Guid.NewGuid(), version: 1, note: null);
            cache.Serialise(View(row), row, repeatVisible: true);
            Assert.That(cache.Find(hot.Id, true, 1), Is.Not.Null, $"the entry read on every round is kept (round {i})");
            Assert.That(cache.Count, Is.LessThanOrEqualTo(10 + 1));
        }
    }

    [Test]
    public void Cache_Off_KeepsNothing()
    {
        var cache = NewCache(entries: 0);
        var row = Row(Guid.NewGuid(), version: 1, note: null);
        cache.Serialise(View(row), row, repeatVisible: true);
        Assert.That(cache.Find(row.Id, true, 1), Is.Null);
        Assert.That(cache.Count, Is.Zero);
    }

    private static ComplaintViewCache NewCache(int entries) =>
        new(Options.Create(new ComplaintsOptions { ViewCacheEntries = entries }), Options.Create(new JsonOptions()));

    private static ComplaintRow Row(Guid id, long version, string? note) => new()
    {
        Id = id, Reference = "CP-1", Version = version, Status = "Received", IntakeChannel = "Counter", BranchId = "SH001",
        FirstResponderId = "key:x", BusinessChannel = "A1", BusinessType = "B032", Reason = "C11", ProductCode = "P", ProductName = "p",
        Currency = "CNY", PolicyName = "bank-2026", DueState = "OnTrack", VulnerableNote = note,
    };

    // The view itself is not under test here: a fixed one keeps the row's vulnerability note out of the decrypt path.
    private static ComplaintView View(ComplaintRow row) => new(
        row.Id, row.Reference, ComplaintStatus.Received, [], Now, IntakeChannel.Counter, row.BranchId, row.FirstResponderId, "A1", "B032", "C11",
        "P", "p", null, null, new VulnerabilityView(false, false, false, null), [], null, null, null, false, false, false, false, null, null, null,
        new DeadlineView("bank-2026", Now, false, Now, 0, false, DueState.OnTrack, true, null), null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, 0, null, null, null, null, null, false, row.Version);
}
