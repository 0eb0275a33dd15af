using System.Net;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Ingest;

public sealed class IngestTests
{
    private FakeTimeProvider _time = null!;
    private ApiFactory _api = null!;
    private HttpClient _system = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(PiEvents.Now);
        _api = new ApiFactory(time: _time);
        _system = await _api.SystemClientAsync();
    }

    [TearDown]
    public void TearDown()
    {
        _system.Dispose();
        _api.Dispose();
    }

    [Test]
    public async Task PostEvent_Valid_Returns201WithSeqAndStoresOneChainedRow()
    {
        var first = await _system.PostEventAsync(PiEvents.Event());
        var second = await _system.PostEventAsync(PiEvents.Event());
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        var a = await first.JsonAsync();
        var b = await second.JsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(a.GetProperty("status").GetString(), Is.EqualTo("Recorded"));
            Assert.That(a.GetProperty("seq").GetInt64(), Is.EqualTo(1));
            Assert.That(b.GetProperty("seq").GetInt64(), Is.EqualTo(2));
            Assert.That(_api.StoredCount(), Is.EqualTo(2));
        });
        using var c = _api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT (SELECT row_hash FROM access_event WHERE seq = 1) = (SELECT prev_hash FROM access_event WHERE seq = 2)";
        Assert.That((long)cmd.ExecuteScalar()!, Is.EqualTo(1), "row 2 links to row 1");
    }

    [Test]
    public async Task PostEvent_SameIdSameContent_IsDuplicateNotASecondRow()
    {
        var e = PiEvents.Event();
        var first = await _system.PostEventAsync(e);
        var again = await _system.PostEventAsync(e);
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await again.JsonAsync()).GetProperty("status").GetString(), Is.EqualTo("Duplicate"));
            Assert.That((await again.JsonAsync()).GetProperty("seq").GetInt64(), Is.EqualTo(1));
            Assert.That(_api.StoredCount(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task PostEvent_SameIdOtherContent_Is409AndStoredEventStands()
    {
        var e = PiEvents.Event();
        await _system.PostEventAsync(e);
        e["customerReference"] = "CIF-9999";
        var clash = await _system.PostEventAsync(e);
        await HttpAssert.Problem(clash, 409);
        Assert.That(_api.StoredCount(), Is.EqualTo(1));
    }

    [TestCase("occurredAt", "future")]
    [TestCase("occurredAt", "ancient")]
    [TestCase("purpose", "Gossip")]
    [TestCase("action", "view")]
    [TestCase("legalBasis", null)]
    [TestCase("staffId", "")]
    [TestCase("customerReference", null)]
    [TestCase("outcome", "Maybe")]
    public async Task PostEvent_BadField_Is400NamingItAndStoresNothing(string field, string? value)
    {
        var e = PiEvents.Event();
        e[field] = value switch
        {
            "future" => PiEvents.Now.AddMinutes(6),
            "ancient" => PiEvents.Now.AddDays(-31),
            _ => value,
        };
        await HttpAssert.FieldError(await _system.PostEventAsync(e), field);
        Assert.That(_api.StoredCount(), Is.EqualTo(0));
    }

    [Test]
    public async Task PostEvent_FutureWithinSkew_IsAccepted()
    {
        var response = await _system.PostEventAsync(PiEvents.Event(at: PiEvents.Now.AddMinutes(4)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task PostEvent_OtherPurposeWithoutText_Is400()
    {
        var e = PiEvents.Event(purpose: "Other");
        await HttpAssert.FieldError(await _system.PostEventAsync(e), "purposeText");
    }

    [Test]
    public async Task PostEvent_UnknownCategoryOrTierBelowCatalogue_Is400ByIndex()
    {
        var e = PiEvents.Event(categories: [("phone", "C2"), ("shoe-size", "C1"), ("password", "C2")]);
        var body = await HttpAssert.FieldError(await _system.PostEventAsync(e), "categories[1].name");
        Assert.That(body.GetProperty("errors").TryGetProperty("categories[2].tier", out _), Is.True, body.ToString());
        Assert.That(_api.StoredCount(), Is.EqualTo(0));
    }

    [Test]
    public async Task PostEvent_UnknownMember_Is400()
    {
        var e = PiEvents.Event();
        e["customerName"] = "张三";
        await HttpAssert.FieldError(await _system.PostEventAsync(e), "customerName");
    }

    [Test]
    public async Task Batch_OneMalformedEvent_Is400ByIndexAndFieldAndStoresNone()
    {
        var events = Enumerable.Range(0, 5).Select(_ => PiEvents.Event()).ToList();
        events[3]["purpose"] = "Curiosity";
        events[1]["occurredAt"] = PiEvents.Now.AddHours(1);
        var body = await HttpAssert.FieldError(await _system.PostBatchAsync(events), "events[3].purpose");
        Assert.That(body.GetProperty("errors").TryGetProperty("events[1].occurredAt", out _), Is.True, body.ToString());
        Assert.That(_api.StoredCount(), Is.EqualTo(0));
    }

    [Test]
    public async Task Batch_WithResendsAndAClash_ReportsPerEventResults()
    {
        var stored = PiEvents.Event();
        await _system.PostEventAsync(stored);
        var clash = new Dictionary<string, object?>(stored) { ["staffId"] = "someone-else" };
        var fresh = PiEvents.Event();
        var response = await _system.PostBatchAsync([fresh, stored, clash, fresh]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        var statuses = body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(statuses, Is.EqualTo(new[] { "Recorded", "Duplicate", "Conflict", "Duplicate" }));
            Assert.That(body.GetProperty("recorded").GetInt32(), Is.EqualTo(1));
            Assert.That(_api.StoredCount(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Batch_OverTheLimit_Is413AndStoresNothing()
    {
        var events = Enumerable.Range(0, 1001).Select(_ => PiEvents.Event()).ToList();
        await HttpAssert.Problem(await _system.PostBatchAsync(events), 413);
        Assert.That(_api.StoredCount(), Is.EqualTo(0));
    }

    [Test]
    public async Task Batch_AtTheLimit_StoresAllInOrder()
    {
        var events = Enumerable.Range(0, 1000).Select(i => PiEvents.Event(customer: $"CIF-{i:D5}")).ToList();
        var response = await _system.PostBatchAsync(events);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var seqs = (await response.JsonAsync()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("seq").GetInt64()).ToList();
        Assert.That(seqs, Is.EqualTo(Enumerable.Range(1, 1000).Select(i => (long)i)));
    }

    [Test]
    public async Task ConcurrentSingles_AllCommittedWithContiguousSeqs()
    {
        var tasks = Enumerable.Range(0, 200).Select(i => _system.PostEventAsync(PiEvents.Event(customer: $"CIF-{i}"))).ToList();
        var responses = await Task.WhenAll(tasks);
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created));
        var seqs = new List<long>();
        foreach (var r in responses)
        {
            seqs.Add((await r.JsonAsync()).GetProperty("seq").GetInt64());
        }

        Assert.That(seqs.Order(), Is.EqualTo(Enumerable.Range(1, 200).Select(i => (long)i)));
    }

    [TestCase(Role.PrivacyOfficer)]
    [TestCase(Role.Admin)]
    [TestCase(Role.Teller)]
    public async Task PostEvent_NotASystemClient_Is403(Role role)
    {
        using var client = await _api.ReaderAsync(role);
        await HttpAssert.Problem(await client.PostEventAsync(PiEvents.Event()), 403);
    }

    [Test]
    public async Task Stored_HasNoUpdateOrDeleteBeyondThePurge()
    {
        await _system.PostEventAsync(PiEvents.Event());
        using var c = _api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "UPDATE access_event SET customer_ref = 'CIF-X' WHERE seq = 1";
        Assert.That(() => cmd.ExecuteNonQuery(), Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>().With.Message.Contains("append-only"));
        cmd.CommandText = "DELETE FROM access_event";
        Assert.That(() => cmd.ExecuteNonQuery(), Throws.InstanceOf<Microsoft.Data.Sqlite.SqliteException>().With.Message.Contains("append-only"));
    }
}
