using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

/// <summary>
/// Attacks on the retention purge by someone who can write the database file (and drop its triggers) but does not hold
/// the checkpoint signing key: each must be reported, and a legitimate purge must still verify.
/// </summary>
public sealed class PurgeVerifyTests
{
    private const int Events = 60;
    private FakeTimeProvider _time = null!;
    private ApiFactory _api = null!;
    private HttpClient _system = null!;
    private HttpClient _auditor = null!;

    [SetUp]
    public async Task SetUp()
    {
        _time = new FakeTimeProvider(PiEvents.Now);
        _api = new ApiFactory(time: _time);
        _system = await _api.SystemClientAsync();
        _auditor = await _api.ReaderAsync(Role.Auditor);
        await _system.SeedAsync(Events, batch: 30);
    }

    [TearDown]
    public void TearDown()
    {
        _system.Dispose();
        _auditor.Dispose();
        _api.Dispose();
    }

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private Task<List<long>> LegitPurgeAsync(long from, long to) =>
        _api.Services.GetRequiredService<PurgeLedger>().PurgeAsync(
            Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i), _time.GetUtcNow(), "pi-access-event", 3, CancellationToken.None);

    private static void AssertKind(JsonElement result, string kind, long? seq, string detail)
    {
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.False, result.ToString());
            Assert.That(result.GetProperty("kind").GetString(), Is.EqualTo(kind), result.ToString());
            if (seq is not null)
            {
                Assert.That(result.GetProperty("firstBrokenSeq").GetInt64(), Is.EqualTo(seq), result.ToString());
            }

            Assert.That(result.GetProperty("detail").GetString(), Does.Contain(detail), result.ToString());
        });
    }

    private static void AssertOk(JsonElement result) => Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());

    [Test]
    public async Task Verify_FakePurgeOfEveryRowIntoTheFuture_IsPurgeUnverified_WithStoredAndExternalCheckpoints()
    {
        await _auditor.TakeCheckpointAsync();
        var kept = await _auditor.CheckpointsAsync();
        _api.FakePurge("2099-01-01T00:00:00.0000000Z", "1 = 1");

        using var officer = await _api.ReaderAsync(Role.PrivacyOfficer);
        var report = await officer.GetJsonAsync("/api/v1/pi-access/subjects/CIF-00001/report");
        Assert.That(report.GetProperty("totalAccesses").GetInt32(), Is.Zero, "the attack hides the subject's accesses");

        AssertKind(await _auditor.VerifyAsync(), "PurgeUnverified", 1, "in the future");
        _api.Tamper("DELETE FROM checkpoint");
        AssertKind(await _auditor.VerifyAsync(new { checkpoints = kept }), "PurgeUnverified", 1, "in the future");
    }

    [Test]
    public async Task Verify_TheReportedFakePurge_WhichKnowsNothingOfTheSalt_IsEdited()
    {
        // The statement from the review, as written against the old schema: the salt stays, which no real purge leaves.
        _api.Tamper("""
            UPDATE access_event SET purged_at = '2099-01-01T00:00:00.0000000Z', staff_id = NULL, customer_ref = NULL, purpose_text = NULL,
                business_ref = NULL, consent_ref = NULL, authorization_ref = NULL
            """);
        AssertKind(await _auditor.VerifyAsync(), "Edited", 1, "still holds personal fields");
    }

    [Test]
    public async Task Verify_FakePurgeAtAPlausibleTimeAfterRetention_IsPurgeUnverified_NoLedgerEntry()
    {
        await _auditor.TakeCheckpointAsync();
        _time.Advance(TimeSpan.FromDays(3 * 366));
        _api.FakePurge(Text(_time.GetUtcNow()), "seq BETWEEN 10 AND 20");
        AssertKind(await _auditor.VerifyAsync(), "PurgeUnverified", 10, "no purge-ledger entry names it");
    }

    [Test]
    public async Task Verify_SignedPurgeBeforeTheThreeYearMinimum_IsPurgeUnverified()
    {
        // Even through the ledger (a bug or a misused service): the retention period is judged from occurred_at.
        _time.Advance(TimeSpan.FromDays(365 * 3 - 2));
        Assert.That(await LegitPurgeAsync(5, 5), Has.Count.EqualTo(1));
        AssertKind(await _auditor.VerifyAsync(), "PurgeUnverified", 5, "before its retention of 3 years ended");
    }

    [Test]
    public async Task Verify_RetentionEndOnALeapDay_PurgeAtTheEndVerifies_OneTickEarlierDoesNot()
    {
        TearDown();
        var occurred = new DateTimeOffset(2024, 2, 29, 9, 59, 0, TimeSpan.Zero);
        _time = new FakeTimeProvider(occurred.AddMinutes(1));
        _api = new ApiFactory(time: _time);
        _system = await _api.SystemClientAsync();
        _auditor = await _api.ReaderAsync(Role.Auditor);
        await _system.SendAllAsync([PiEvents.Event(at: occurred), PiEvents.Event(at: occurred)]);

        // Three years from 29 Feb 2024 end on 28 Feb 2027 (DateTimeOffset.AddYears), the same rule the purge uses.
        var end = new DateTimeOffset(2027, 2, 28, 9, 59, 0, TimeSpan.Zero);
        _time.SetUtcNow(end.AddTicks(-1));
        await LegitPurgeAsync(1, 1);
        _time.SetUtcNow(end);
        await LegitPurgeAsync(2, 2);

        AssertKind(await _auditor.VerifyAsync(), "PurgeUnverified", 1, "before its retention of 3 years ended");
        AssertOk(await _auditor.VerifyAsync(new { fromSeq = 2 }));
    }

    [Test]
    public async Task Verify_KeptFieldOfALegitimatelyPurgedRowEdited_IsEdited()
    {
        _time.Advance(TimeSpan.FromDays(3 * 366));
        await LegitPurgeAsync(1, 20);
        AssertOk(await _auditor.VerifyAsync());
        _api.Tamper("UPDATE access_event SET staff_branch = 'BR-999' WHERE seq = 12");
        AssertKind(await _auditor.VerifyAsync(), "Edited", 12, "kept fields do not match");
    }

    [Test]
    public async Task Verify_PurgedAtMovedOnALegitimatelyPurgedRow_IsPurgeUnverified()
    {
        _time.Advance(TimeSpan.FromDays(3 * 366));
        await LegitPurgeAsync(1, 20);
        _api.Tamper($"UPDATE access_event SET purged_at = '{Text(_time.GetUtcNow().AddDays(-1))}' WHERE seq = 3");
        AssertKind(await _auditor.VerifyAsync(), "PurgeUnverified", 3, "but purge-ledger entry 1 purged it at");
    }

    [TestCase("DELETE FROM purge_ledger WHERE entry_no = 2", "PurgeLedgerBroken", 41L, "entry 2 is missing")]
    [TestCase("DELETE FROM purge_ledger WHERE entry_no = 3", "PurgeUnverified", 41L, "no purge-ledger entry names it")]
    [TestCase("UPDATE purge_ledger SET event_seqs = '1-25' WHERE entry_no = 1", "PurgeLedgerBroken", 1L, "entry 1 does not match its entry hash")]
    [TestCase("UPDATE purge_ledger SET purged_at = '2099-01-01T00:00:00.0000000Z' WHERE entry_no = 3", "PurgeLedgerBroken", 41L, "entry 3 does not match its entry hash")]
    public async Task Verify_LedgerEntryDeletedOrEdited_IsReported(string tamper, string kind, long seq, string detail)
    {
        _time.Advance(TimeSpan.FromDays(3 * 366));
        await LegitPurgeAsync(1, 20);
        await LegitPurgeAsync(21, 40);
        await LegitPurgeAsync(41, 50);
        AssertOk(await _auditor.VerifyAsync());
        _api.Tamper(tamper);
        AssertKind(await _auditor.VerifyAsync(), kind, seq, detail);
    }

    [Test]
    public async Task Verify_ForgedLedgerEntry_IsPurgeLedgerBroken()
    {
        // The attacker can rebuild the content, its hash and the chain link; only the signature needs the key they lack.
        _time.Advance(TimeSpan.FromDays(3 * 366));
        var first = (await LegitPurgeAsync(1, 10)).Count;
        Assert.That(first, Is.EqualTo(10));
        var now = _time.GetUtcNow();
        _api.FakePurge(Text(now), "seq BETWEEN 11 AND 20");
        using var attackerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var prev = (byte[])_api.ScalarObject("SELECT entry_hash FROM purge_ledger WHERE entry_no = 1");
        var keyId = (string)_api.ScalarObject("SELECT key_id FROM purge_ledger WHERE entry_no = 1");
        var forged = new PurgeEntry
        {
            EntryNo = 2, Kind = PurgeKind.Purge, PurgedAt = now, RecordType = "pi-access-event", RetentionYears = 3, EventSeqs = "11-20",
            PrevHash = prev, KeyId = keyId,
        };
        var content = forged.Content();
        using (var c = _api.OpenFile("piaccess"))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO purge_ledger (entry_no, kind, purged_at, record_type, retention_years, first_v2_seq, event_seqs, prev_hash, entry_hash, key_id, signature)
                VALUES (2, 'purge', $at, 'pi-access-event', 3, NULL, '11-20', $prev, $hash, $key, $sig)
                """;
            cmd.Parameters.AddWithValue("$at", Text(now));
            cmd.Parameters.AddWithValue("$prev", prev);
            cmd.Parameters.AddWithValue("$hash", PurgeEntry.HashOf(content));
            cmd.Parameters.AddWithValue("$key", keyId);
            cmd.Parameters.AddWithValue("$sig", attackerKey.SignData(content, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            cmd.ExecuteNonQuery();
        }

        AssertKind(await _auditor.VerifyAsync(), "PurgeLedgerBroken", 11, "entry 2 has no valid signature");
    }

    [Test]
    public async Task Verify_LedgerNamesARowThatIsNotPurged_IsPurgeLedgerBroken()
    {
        // The row restored from a backup, salt and all: it matches its own hashes, but the ledger says it was purged.
        const string personal = "staff_id, customer_ref, purpose_text, business_ref, consent_ref, authorization_ref, personal_salt";
        var backup = _api.Row($"SELECT {personal} FROM access_event WHERE seq = 5");
        _time.Advance(TimeSpan.FromDays(3 * 366));
        await LegitPurgeAsync(1, 10);
        _api.Tamper();
        using (var c = _api.OpenFile("piaccess"))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE access_event SET purged_at = NULL, (" + personal + ") = ($p0, $p1, $p2, $p3, $p4, $p5, $p6) WHERE seq = 5";
            for (var i = 0; i < backup.Length; i++)
            {
                cmd.Parameters.AddWithValue("$p" + i, backup[i]);
            }

            Assert.That(cmd.ExecuteNonQuery(), Is.EqualTo(1));
        }

        AssertKind(await _auditor.VerifyAsync(), "PurgeLedgerBroken", 5, "names row 5 as purged, but the row is not purged");
    }

    [Test]
    public async Task Disposal_LegitimateRetentionPurge_VerifiesOk_AndTheSubjectReportStillCoversUnpurgedRows()
    {
        await _auditor.TakeCheckpointAsync();
        _time.Advance(TimeSpan.FromDays(3 * 366));
        await _system.SendAllAsync([PiEvents.Event(at: _time.GetUtcNow().AddMinutes(-1), customer: "CIF-00001")]);
        using var admin = _api.Admin();
        using var run = await admin.PostAsync("/api/v1/retention/disposal-runs", null);
        Assert.That(run.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await run.JsonAsync()).GetProperty("disposed").GetInt32(), Is.EqualTo(Events));

        var result = await _auditor.VerifyAsync();
        AssertOk(result);
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(Events + 1));
            Assert.That(result.GetProperty("purgeLedgerEntriesChecked").GetInt32(), Is.EqualTo(1));
        });
        using var officer = await _api.ReaderAsync(Role.PrivacyOfficer);
        var report = await officer.GetJsonAsync("/api/v1/pi-access/subjects/CIF-00001/report");
        Assert.That(report.GetProperty("totalAccesses").GetInt32(), Is.EqualTo(1), "the unpurged access is reported, the purged one is gone");
    }
}
