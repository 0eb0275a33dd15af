using System.Net.Http.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

public sealed class VerifyTests : ChainFixture
{
    private const int Events = 300;

    protected override int Seeded => Events;

    [Test]
    public async Task Verify_IntactChain_IsOkAndCoversEveryRowAndCheckpoint()
    {
        await Auditor.TakeCheckpointAsync();
        var result = await Auditor.VerifyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());
            Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(Events));
            Assert.That(result.GetProperty("lastSeq").GetInt64(), Is.EqualTo(Events));
            Assert.That(result.GetProperty("fromSeq").GetInt64(), Is.EqualTo(1));
            Assert.That(result.GetProperty("toSeq").GetInt64(), Is.EqualTo(Events));
            Assert.That(result.GetProperty("checkpointsChecked").GetInt32(), Is.EqualTo(1));
            Assert.That(result.GetProperty("kind").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(result.GetProperty("firstBrokenSeq").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }

    [Test]
    public async Task Verify_SubRange_LinksFromTheRowBeforeAndChecksOnlyTheRange()
    {
        Api.Tamper("UPDATE access_event SET customer_ref = 'CIF-EVIL' WHERE seq = 50");
        var result = await Auditor.VerifyAsync(new { fromSeq = 101, toSeq = 200 });
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());
            Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(100));
            Assert.That(result.GetProperty("lastSeq").GetInt64(), Is.EqualTo(200));
        });
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(new { toSeq = 100 }), "Edited", 50);
    }

    [Test]
    public async Task Verify_FieldEdited_IsEditedAtThatSeq()
    {
        Api.Tamper("UPDATE access_event SET customer_ref = 'CIF-EVIL' WHERE seq = 123");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", 123);
    }

    // SQLite verification reads column bytes in place (the raw statement API): a value that cannot be read back as
    // stored is an edit at that row, never a server error, whatever type SQLite's affinity let an attacker store.
    [TestCase("event_id = 'not-a-guid'")]
    [TestCase("event_id = upper(event_id) || ' '")]
    [TestCase("occurred_at = 'yesterday'")]
    [TestCase("recorded_at = X'00FF'")]
    [TestCase("max_tier = 'high'")]
    [TestCase("payload_hash = 'text, not a hash'")]
    [TestCase("row_hash = 42")]
    public async Task Verify_ValueThatCannotBeReadBack_IsEditedAtThatRow(string assignment)
    {
        Api.Tamper($"UPDATE access_event SET {assignment} WHERE seq = 42");
        var result = await Auditor.VerifyAsync();
        ChainTestKit.AssertBroken(result, "Edited", 42);
    }

    // The SQLite walk asks a column's type only when it holds no bytes, and reads hashes into arrays reused from row to
    // row: NULL and '' must still differ, and a hash or salt of another length or content must still be an edit.
    [TestCase("purpose_text = ''")]
    [TestCase("consent_ref = ''")]
    [TestCase("staff_role = NULL")]
    [TestCase("channel = ''")]
    [TestCase("personal_salt = X'00'")]
    [TestCase("personal_salt = zeroblob(16)")]
    [TestCase("personal_hash = zeroblob(32)")]
    [TestCase("payload_hash = zeroblob(33)")]
    [TestCase("row_hash = zeroblob(31)")]
    public async Task Verify_NullEmptyAndHashLengthEdits_AreEditedAtThatRow(string assignment)
    {
        Api.Tamper($"UPDATE access_event SET {assignment} WHERE seq = 42");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", 42);
    }

    [Test]
    public void Verify_OnTheBundledSqlite_ReadsColumnsDirectly()
    {
        // The tests above exercise the direct column reads only if the host's SQLite provider is e_sqlite3.
        using var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        c.Open();
        Assert.That(ConsumerProtection.Modules.PersonalInfoAccess.Chain.SqliteColumns.Available, Is.True);
    }

    [Test]
    public async Task Verify_SubRangeWhoseRowBeforeHasAShortRowHash_BreaksAtTheFirstRowOfTheRange()
    {
        Api.Tamper("UPDATE access_event SET row_hash = X'0102' WHERE seq = 99");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(new { fromSeq = 100 }), "Missing", 100);
    }

    [Test]
    public async Task Verify_RowsWithChineseAndOtherNonAsciiText_VerifyAndAnEditToOneCharacterIsFound()
    {
        // The hashes read the stored UTF-8 bytes directly on SQLite: text beyond ASCII must hash as it did when written.
        var events = new[] { "CIF-中文-1", "CIF-ÄÖÜ-2", "CIF-𝔘𝔫𝔦-3" }.Select(c => PiEvents.Event(customer: c, staff: "员工-007")).ToList();
        Assert.That((await Appender.PostBatchAsync(events)).IsSuccessStatusCode, Is.True);
        var intact = await Auditor.VerifyAsync();
        Assert.That(intact.GetProperty("ok").GetBoolean(), Is.True, intact.ToString());
        Assert.That(intact.GetProperty("checked").GetInt64(), Is.EqualTo(Events + 3));

        Api.Tamper($"UPDATE access_event SET customer_ref = 'CIF-中文-2' WHERE seq = {Events + 1}");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", Events + 1);
    }

    [Test]
    public async Task Verify_MaxTierEdited_IsEdited()
    {
        Api.Tamper("UPDATE access_event SET max_tier = 1 WHERE seq = 7");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", 7);
    }

    [Test]
    public async Task Verify_MiddleRowDeleted_IsMissing()
    {
        Api.Tamper("DELETE FROM access_event WHERE seq = 150");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Missing", 150);
    }

    [Test]
    public async Task Verify_RowDeletedAndRestRenumbered_IsMissing()
    {
        Api.Tamper("DELETE FROM access_event WHERE seq = 150", "UPDATE access_event SET seq = seq - 1 WHERE seq > 150");
        Assert.That(Api.Scalar("SELECT MAX(seq) FROM access_event"), Is.EqualTo(Events - 1), "no gap is left");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Missing", 150);
    }

    [Test]
    public async Task Verify_TwoRowsSwapped_IsReordered()
    {
        Api.Tamper(
            "UPDATE access_event SET seq = -1 WHERE seq = 100",
            "UPDATE access_event SET seq = 100 WHERE seq = 101",
            "UPDATE access_event SET seq = 101 WHERE seq = -1");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Reordered", 100);
    }

    [Test]
    public async Task Verify_TailCutAfterACheckpoint_IsTruncated()
    {
        var checkpoint = await Auditor.TakeCheckpointAsync();
        Assert.That(checkpoint.GetProperty("seq").GetInt64(), Is.EqualTo(Events));
        Api.Tamper("DELETE FROM access_event WHERE seq > 250");
        var result = await Auditor.VerifyAsync();
        ChainTestKit.AssertBroken(result, "Truncated", 251);
        Assert.That(result.GetProperty("lastSeq").GetInt64(), Is.EqualTo(250));
    }

    [Test]
    public async Task Verify_TailAndStoredCheckpointsGone_ExternallyKeptCheckpointStillShowsTruncation()
    {
        await Auditor.TakeCheckpointAsync();
        var kept = (await Auditor.CheckpointsAsync())[0];
        Api.Tamper("DELETE FROM access_event WHERE seq > 250", "DELETE FROM checkpoint");

        var alone = await Auditor.VerifyAsync();
        Assert.That(alone.GetProperty("ok").GetBoolean(), Is.True, "without a checkpoint a cut tail cannot be told from a short log");
        var result = await Auditor.VerifyAsync(new { checkpoints = new[] { kept } });
        ChainTestKit.AssertBroken(result, "Truncated", 251);
    }

    [Test]
    public async Task Verify_ChainRewrittenAfterACheckpoint_IsCheckpointMismatch()
    {
        await Auditor.TakeCheckpointAsync();
        Api.Tamper("DELETE FROM access_event WHERE seq > 200");
        await Appender.SeedAsync(100);
        Assert.That(Api.Scalar("SELECT MAX(seq) FROM access_event"), Is.EqualTo(Events), "the rewritten chain is as long as before");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "CheckpointMismatch", Events);
    }

    [Test]
    public async Task Verify_ForgedExternalCheckpoint_IsCheckpointInvalid()
    {
        await Auditor.TakeCheckpointAsync();
        var kept = (await Auditor.CheckpointsAsync())[0];
        var forged = new
        {
            seq = kept.GetProperty("seq").GetInt64(),
            rowHash = new string('a', 64),
            createdAt = kept.GetProperty("createdAt").GetDateTimeOffset(),
            keyId = kept.GetProperty("keyId").GetString(),
            signature = kept.GetProperty("signature").GetString(),
        };
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(new { checkpoints = new[] { forged } }), "CheckpointInvalid", Events);
    }

    [Test]
    public async Task Verify_StoredCheckpointSignatureTampered_IsCheckpointInvalid()
    {
        await Auditor.TakeCheckpointAsync();
        Api.Tamper("UPDATE checkpoint SET signature = X'3006020101020101'");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "CheckpointInvalid", Events);
    }

    [Test]
    public async Task Verify_PurgedRows_StillVerify_ButAPurgedRowWithPersonalDataIsEdited()
    {
        Time.Advance(TimeSpan.FromDays(3 * 366));
        var purged = await Api.Services.GetRequiredService<PurgeLedger>()
            .PurgeAsync(Enumerable.Range(1, 20).Select(i => (long)i), Time.GetUtcNow(), "pi-access-event", 3, CancellationToken.None);
        Assert.That(purged, Has.Count.EqualTo(20));

        var result = await Auditor.VerifyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());
            Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(Events));
            Assert.That(result.GetProperty("purgeLedgerEntriesChecked").GetInt32(), Is.EqualTo(1));
        });
        Api.Tamper("UPDATE access_event SET customer_ref = 'CIF-BACK' WHERE seq = 12");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", 12);
    }

    [Test]
    public async Task Verify_RowPurgedBeforeThreeYears_IsPurgeUnverified()
    {
        // The triggers allow the purge at any age; only the retention job decides when. A purge of a young row is tampering.
        using (var c = Api.OpenFile("piaccess"))
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                UPDATE access_event SET purged_at = '2026-11-26T02:00:00.0000000Z', staff_id = NULL, customer_ref = NULL, purpose_text = NULL,
                    business_ref = NULL, consent_ref = NULL, authorization_ref = NULL, personal_salt = NULL WHERE seq = 7
                """;
            Assert.That(cmd.ExecuteNonQuery(), Is.EqualTo(1));
        }

        var result = await Auditor.VerifyAsync();
        ChainTestKit.AssertBroken(result, "PurgeUnverified", 7);
        Assert.That(result.GetProperty("detail").GetString(), Does.Contain("before its retention of 3 years ended"));
    }

    [Test]
    public async Task Verify_FromSeqPastTheEnd_Is400NamingFromSeq_AndNotAudited()
    {
        var before = Api.Scalar("SELECT COUNT(*) FROM audit_log");
        await HttpAssert.FieldError(await Auditor.PostAsJsonAsync("/api/v1/pi-access/verify", new { fromSeq = Events + 1 }), "fromSeq");
        Assert.That(Api.Scalar("SELECT COUNT(*) FROM audit_log"), Is.EqualTo(before));
        var last = await Auditor.VerifyAsync(new { fromSeq = Events });
        Assert.That(last.GetProperty("checked").GetInt64(), Is.EqualTo(1), "the last row itself is a range");
    }

    [Test]
    public async Task Verify_FromSeqPastACutTail_IsStillTruncated()
    {
        await Auditor.TakeCheckpointAsync();
        Api.Tamper("DELETE FROM access_event WHERE seq > 250");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(new { fromSeq = 260 }), "Truncated", 251);
    }

    [Test]
    public async Task Verify_IsAudited()
    {
        await Auditor.VerifyAsync(new { fromSeq = 5, toSeq = 9 });
        Assert.That(Api.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'chain.verified' AND entity_id = '5-9' AND after_json LIKE '%\"ok\":true%'"),
            Is.EqualTo(1));
    }

    [TestCase("{\"fromSeq\":10,\"toSeq\":5}", "fromSeq")]
    [TestCase("{\"fromSeq\":-1}", "fromSeq")]
    [TestCase("{\"toSeq\":0}", "toSeq")]
    [TestCase("{\"checkpoints\":[{\"seq\":1,\"rowHash\":\"zz\",\"createdAt\":\"2026-11-26T00:00:00Z\",\"keyId\":\"0123456789abcdef\",\"signature\":\"AAAA\"}]}", "checkpoints[0].rowHash")]
    [TestCase("{\"checkpoints\":[{\"seq\":1,\"rowHash\":\"" + "00000000000000000000000000000000000000000000000000000000000000000" + "\",\"createdAt\":\"2026-11-26T00:00:00Z\",\"keyId\":\"0123\",\"signature\":\"!\"}]}", "checkpoints[0].keyId")]
    public async Task Verify_BadInput_Is400NamingTheFieldAndNotAudited(string body, string field)
    {
        var before = Api.Scalar("SELECT COUNT(*) FROM audit_log");
        await HttpAssert.FieldError(await Auditor.PostAsync("/api/v1/pi-access/verify", HttpAssert.Json(body)), field);
        Assert.That(Api.Scalar("SELECT COUNT(*) FROM audit_log"), Is.EqualTo(before));
    }

    [TestCase(Role.Teller)]
    [TestCase(Role.SystemClient)]
    public async Task Verify_NotAReader_Is403(Role role)
    {
        using var client = await Api.ReaderAsync(role);
        await HttpAssert.Problem(await client.PostAsJsonAsync("/api/v1/pi-access/verify", new { }), 403);
    }
}
