using System.Globalization;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Modules.PersonalInfoAccess.Purge;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

/// <summary>
/// A database from before migration 0005: payload-v1 rows, some already purged. The first start after the upgrade signs
/// the cut-over; old rows still verify, new rows are v2, and a later fake purge of an old row is caught.
/// </summary>
public sealed class CutOverTests
{
    private const int OldEvents = 40;
    private readonly List<ApiFactory> _apis = [];

    [TearDown]
    public void TearDown() => _apis.ForEach(a => a.Dispose());

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private ApiFactory Start(FakeTimeProvider time, string? dir = null)
    {
        var api = new ApiFactory(time: time, dataDirectory: dir);
        _apis.Add(api);
        return api;
    }

    // Rewrites every row as the pre-0005 writer stored it (payload v1, no salt or personal hash), re-chains it, and purges
    // rows 1-10 the way the pre-0005 retention did (no ledger).
    private static void DowngradeToV1(ApiFactory api, string legacyPurgedAt)
    {
        api.Tamper();
        using var c = api.OpenFile("piaccess");
        var rows = new List<(long Seq, long Recorded, byte[] Payload)>();
        using (var read = c.CreateCommand())
        {
            read.CommandText = """
                SELECT seq, event_id, occurred_at, recorded_at, staff_id, staff_role, staff_branch, staff_department, source_system,
                       customer_ref, categories, action, purpose, purpose_text, legal_basis, business_ref, consent_ref, authorization_ref,
                       channel, outcome
                FROM access_event ORDER BY seq
                """;
            using var r = read.ExecuteReader();
            while (r.Read())
            {
                string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
                long Ticks(int i) => DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks;
                var payload = new StoredPayload(Guid.Parse(r.GetString(1)), Ticks(2), S(4), S(5), S(6), S(7), r.GetString(8), S(9), r.GetString(10),
                    r.GetString(11), r.GetString(12), S(13), r.GetString(14), S(15), S(16), S(17), S(18), r.GetString(19));
                rows.Add((r.GetInt64(0), Ticks(3), EventHash.Payload(payload)));
            }
        }

        var prev = EventHash.Genesis;
        foreach (var (seq, recorded, payload) in rows)
        {
            var row = EventHash.Row(seq, recorded, payload, prev);
            using var update = c.CreateCommand();
            update.CommandText = """
                UPDATE access_event SET payload_hash = $p, prev_hash = $prev, row_hash = $row, personal_salt = NULL, personal_hash = NULL
                WHERE seq = $seq
                """;
            update.Parameters.AddWithValue("$p", payload);
            update.Parameters.AddWithValue("$prev", prev);
            update.Parameters.AddWithValue("$row", row);
            update.Parameters.AddWithValue("$seq", seq);
            update.ExecuteNonQuery();
            prev = row;
        }

        using var purge = c.CreateCommand();
        purge.CommandText = $"""
            UPDATE access_event SET purged_at = '{legacyPurgedAt}', staff_id = NULL, customer_ref = NULL, purpose_text = NULL,
                business_ref = NULL, consent_ref = NULL, authorization_ref = NULL WHERE seq <= 10;
            DELETE FROM purge_ledger;
            """;
        purge.ExecuteNonQuery();
    }

    // The installation's files (every module file — the host refuses module data without its kernel) and the
    // signing key, copied as they would be found on the upgraded server.
    private static string CopyOf(ApiFactory api)
    {
        var dir = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "keys"));
        foreach (var file in Directory.GetFiles(api.DataDirectory, "*.db"))
        {
            using var source = api.OpenFile(Path.GetFileNameWithoutExtension(file));
            using var target = new SqliteConnection($"Data Source={Path.Combine(dir, Path.GetFileName(file))};Pooling=False");
            target.Open();
            source.BackupDatabase(target);
        }

        File.Copy(Path.Combine(api.DataDirectory, BootstrapAdminKey.FileName), Path.Combine(dir, BootstrapAdminKey.FileName));

        foreach (var key in Directory.GetFiles(Path.Combine(api.DataDirectory, "keys")))
        {
            File.Copy(key, Path.Combine(dir, "keys", Path.GetFileName(key)));
        }

        return dir;
    }

    [Test]
    public async Task CutOver_UpgradedV1Database_VerifiesOk_NewRowsAreV2_AndAFakePurgeOfAnOldRowIsPurgeUnverified()
    {
        var time = new FakeTimeProvider(PiEvents.Now);
        var old = Start(time);
        using (var system = await old.SystemClientAsync())
        {
            await system.SeedAsync(OldEvents, batch: 20);
        }

        time.Advance(TimeSpan.FromDays(3 * 366));
        DowngradeToV1(old, Text(time.GetUtcNow()));
        var dir = CopyOf(old);
        time.Advance(TimeSpan.FromDays(1));

        var api = Start(time, dir);
        using var system2 = await api.SystemClientAsync();
        using var auditor = await api.ReaderAsync(Role.Auditor);
        await system2.SendAllAsync([PiEvents.Event(at: time.GetUtcNow().AddMinutes(-1)), PiEvents.Event(at: time.GetUtcNow().AddMinutes(-1))]);
        Assert.Multiple(() =>
        {
            Assert.That(api.ScalarObject("SELECT kind || ' ' || first_v2_seq || ' ' || event_seqs FROM purge_ledger WHERE entry_no = 1"),
                Is.EqualTo($"cutover {OldEvents + 1} 1-10"));
            Assert.That(api.Scalar("SELECT COUNT(*) FROM access_event WHERE personal_hash IS NOT NULL"), Is.EqualTo(2), "new rows are v2");
        });
        var result = await auditor.VerifyAsync();
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());
        Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(OldEvents + 2));

        // Old rows purged after the upgrade go through the ledger like new ones.
        await api.Services.GetRequiredService<PurgeLedger>()
            .PurgeAsync([11L, 12L], time.GetUtcNow(), "pi-access-event", 3, CancellationToken.None);
        Assert.That((await auditor.VerifyAsync()).GetProperty("ok").GetBoolean(), Is.True);

        api.FakePurge(Text(time.GetUtcNow()), "seq = 30");
        var faked = await auditor.VerifyAsync();
        ChainTestKit.AssertBroken(faked, "PurgeUnverified", 30);
    }

    [Test]
    public async Task CutOver_LedgerDeletedAfterV2RowsExist_IsNotReSignedAtRestart_AndVerificationFails()
    {
        var time = new FakeTimeProvider(PiEvents.Now);
        var old = Start(time);
        using (var system = await old.SystemClientAsync())
        {
            await system.SeedAsync(OldEvents, batch: 20);
        }

        time.Advance(TimeSpan.FromDays(3 * 366));
        DowngradeToV1(old, Text(time.GetUtcNow()));
        var upgraded = Start(time, CopyOf(old));
        using (var system = await upgraded.SystemClientAsync())
        {
            await system.SendAllAsync([PiEvents.Event(at: time.GetUtcNow().AddMinutes(-1))]);
        }

        // The attacker fakes a purge of an old row, deletes the ledger and restarts the host to have it "adopt" the purge.
        upgraded.FakePurge(Text(time.GetUtcNow()), "seq = 30");
        upgraded.Tamper("DELETE FROM purge_ledger");
        var restarted = Start(time, CopyOf(upgraded));
        using var auditor = await restarted.ReaderAsync(Role.Auditor);
        var result = await auditor.VerifyAsync();

        Assert.That(restarted.Scalar("SELECT COUNT(*) FROM purge_ledger"), Is.Zero, "no second cut-over once v2 rows exist");
        ChainTestKit.AssertBroken(result, "Edited", 1);
        Assert.That(result.GetProperty("detail").GetString(), Does.Contain("signed cut-over"));
    }
}
