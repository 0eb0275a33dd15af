using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Ingest;

/// <summary>
/// Issue 4 §7: kill the host process hard during sustained ingest, restart it, and show that every acknowledged
/// event is present and the chain verifies. The host runs as a real separate process on a temp data folder.
/// </summary>
[NonParallelizable]
public sealed class CrashTests
{
    private string _data = null!;
    private readonly string _adminKey = "cpk_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [SetUp]
    public void SetUp() => _data = Path.Combine(Path.GetTempPath(), "cp-crash", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Test]
    public async Task KillDuringIngest_EveryAcknowledgedEventSurvivesAndTheChainVerifies()
    {
        var acknowledged = new ConcurrentDictionary<Guid, long>();
        string systemKey;
        using (var host = await HostProcess.StartAsync(_data, _adminKey))
        {
            systemKey = await CreateSystemKeyAsync(host);
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(w => IngestUntilFailureAsync(host, systemKey, w, acknowledged, stop.Token)).ToList();
            // Let ingest run until a few thousand events are acknowledged, then pull the plug mid-flight.
            for (var i = 0; i < 300 && acknowledged.Count < 3000; i++)
            {
                await Task.Delay(50);
            }

            host.KillHard();
            await Task.WhenAll(workers);
            Assert.That(host.HasExited, Is.True);
        }

        Assert.That(acknowledged, Has.Count.GreaterThan(100), "ingest ran before the kill");
        using var restarted = await HostProcess.StartAsync(_data, _adminKey);
        var stored = StoredEventIds();
        var lost = acknowledged.Keys.Where(id => !stored.ContainsKey(id)).ToList();
        Assert.That(lost, Is.Empty, $"{lost.Count} of {acknowledged.Count} acknowledged events are missing after the crash");
        Assert.That(acknowledged.All(a => stored[a.Key] == a.Value), Is.True, "each acknowledged event is at the seq it was acknowledged with");
        Assert.That(VerifyChain(), Is.EqualTo(stored.Count), "every row links and rehashes");

        // The restarted writer extends the same chain.
        using var client = new HttpClient { BaseAddress = restarted.BaseAddress };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, systemKey);
        var after = await client.PostAsJsonAsync("/api/v1/pi-access/events", PiEvents.Event(at: DateTimeOffset.UtcNow.AddSeconds(-1)));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Created), await after.Content.ReadAsStringAsync());
        Assert.That((await after.JsonAsync()).GetProperty("seq").GetInt64(), Is.EqualTo(stored.Values.Max() + 1));
        Assert.That(VerifyChain(), Is.EqualTo(stored.Count + 1));
    }

    private async Task<string> CreateSystemKeyAsync(HostProcess host)
    {
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, _adminKey);
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "crash-ingest", roles = new[] { nameof(Role.SystemClient) } });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("secret").GetString()!;
    }

    // Alternates batches of 25 and single events until the host dies; records what the host acknowledged (2xx) and at which seq.
    private static async Task IngestUntilFailureAsync(HostProcess host, string key, int worker, ConcurrentDictionary<Guid, long> acknowledged, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        for (var round = 0; !ct.IsCancellationRequested; round++)
        {
            try
            {
                var now = DateTimeOffset.UtcNow.AddSeconds(-1);
                if (round % 2 == 0)
                {
                    var events = Enumerable.Range(0, 25).Select(i => PiEvents.Event(at: now, customer: $"CIF-{worker}-{round}-{i}")).ToList();
                    using var response = await client.PostBatchAsync(events);
                    if (!response.IsSuccessStatusCode)
                    {
                        return;
                    }

                    foreach (var r in (await response.JsonAsync()).GetProperty("results").EnumerateArray())
                    {
                        acknowledged[r.GetProperty("eventId").GetGuid()] = r.GetProperty("seq").GetInt64();
                    }
                }
                else
                {
                    using var response = await client.PostEventAsync(PiEvents.Event(at: now, customer: $"CIF-{worker}-{round}"));
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        return;
                    }

                    var body = await response.JsonAsync();
                    acknowledged[body.GetProperty("eventId").GetGuid()] = body.GetProperty("seq").GetInt64();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                return; // the host is gone
            }
        }
    }

    private SqliteConnection Open() => PiAccessFile.Open(_data);

    private Dictionary<Guid, long> StoredEventIds() => PiAccessFile.StoredEventIds(_data);

    // An independent re-check from the file: seqs contiguous from 1, each prev_hash the previous row_hash, and both hashes
    // recomputed from the stored columns. Returns the number of rows checked.
    private long VerifyChain()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT seq, event_id, occurred_at, recorded_at, staff_id, staff_role, staff_branch, staff_department, source_system,
                   customer_ref, categories, action, purpose, purpose_text, legal_basis, business_ref, consent_ref, authorization_ref,
                   channel, outcome, payload_hash, prev_hash, row_hash, personal_salt, personal_hash
            FROM access_event ORDER BY seq
            """;
        using var r = cmd.ExecuteReader();
        var expected = 1L;
        var prev = EventHash.Genesis;
        while (r.Read())
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            long Ticks(int i) => DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcTicks;
            var seq = r.GetInt64(0);
            Assert.That(seq, Is.EqualTo(expected), "no gap");
            var payload = new StoredPayload(Guid.Parse(r.GetString(1)), Ticks(2), S(4), S(5), S(6), S(7), r.GetString(8), S(9), r.GetString(10),
                r.GetString(11), r.GetString(12), S(13), r.GetString(14), S(15), S(16), S(17), S(18), r.GetString(19));
            var payloadHash = (byte[])r.GetValue(20);
            var personal = new byte[EventHash.Size];
            var recomputed = new byte[EventHash.Size];
            EventHash.V2(payload, (byte[])r.GetValue(23), personal, recomputed);
            Assert.That(personal, Is.EqualTo((byte[])r.GetValue(24)), $"personal hash of {seq}");
            Assert.That(recomputed, Is.EqualTo(payloadHash), $"payload hash of {seq}");
            Assert.That((byte[])r.GetValue(21), Is.EqualTo(prev), $"prev link of {seq}");
            var rowHash = (byte[])r.GetValue(22);
            Assert.That(EventHash.Row(seq, Ticks(3), payloadHash, prev), Is.EqualTo(rowHash), $"row hash of {seq}");
            prev = rowHash;
            expected++;
        }

        return expected - 1;
    }
}
