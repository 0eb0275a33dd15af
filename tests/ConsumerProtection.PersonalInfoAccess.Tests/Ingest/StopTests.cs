using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Cli;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Data.Sqlite;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Ingest;

/// <summary>
/// Issue 13 §4: SIGTERM during sustained ingest and audited reads. The host lets requests in flight finish, drains the
/// group-commit queues, answers every queued caller (no 5xx), exits 0 within Shutdown:TimeoutSeconds, and every
/// acknowledged event and every answered read's audit row is on disk. A separate process, like the kill -9 test.
/// </summary>
[NonParallelizable]
public sealed class StopTests
{
    private string _data = null!;
    private readonly string _adminKey = "cpk_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [SetUp]
    public void SetUp() => _data = Path.Combine(Path.GetTempPath(), "cp-stop", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void TearDown()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Test]
    public async Task SigTerm_DuringIngestAndReads_DrainsAnswersEveryCallerAndExitsZero()
    {
        var acknowledged = new ConcurrentDictionary<Guid, long>();
        var serverErrors = new ConcurrentBag<string>();
        var readsAnswered = 0;
        int exitCode;
        using (var host = await HostProcess.StartAsync(_data, _adminKey, new Dictionary<string, string> { ["Shutdown:TimeoutSeconds"] = "20" }))
        {
            var systemKey = await CreateKeyAsync(host, Role.SystemClient);
            var readerKey = await CreateKeyAsync(host, Role.PrivacyOfficer);
            var workers = Enumerable.Range(0, 6).Select(w => IngestAsync(host, systemKey, w, acknowledged, serverErrors))
                .Concat(Enumerable.Range(0, 2).Select(_ => ReadAsync(host, readerKey, serverErrors, () => Interlocked.Increment(ref readsAnswered))))
                .ToList();
            for (var i = 0; i < 300 && (acknowledged.Count < 2000 || Volatile.Read(ref readsAnswered) < 20); i++)
            {
                await Task.Delay(50);
            }

            exitCode = await host.TerminateAsync(TimeSpan.FromSeconds(60));
            await Task.WhenAll(workers);
        }

        Assert.That(acknowledged, Has.Count.GreaterThan(100), "ingest ran before the stop");
        Assert.That(exitCode, Is.EqualTo(0), "a drained stop exits 0");
        Assert.That(serverErrors, Is.Empty, "every caller in flight was answered, not failed");
        var stored = StoredEventIds();
        var lost = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var seq) || seq != a.Value).ToList();
        Assert.That(lost, Is.Empty, $"{lost.Count} of {acknowledged.Count} acknowledged events are missing or moved");
        Assert.That(ReadAudits(), Is.GreaterThanOrEqualTo(Volatile.Read(ref readsAnswered)), "every answered read has its audit row");

        using var output = new StringWriter();
        using var error = new StringWriter();
        var verify = await HostCommandLine.RunAsync(["verify", "--Storage:DataDirectory=" + _data, "--Logging:LogLevel:Default=Warning"], output, error);
        Assert.That(verify, Is.EqualTo(0), output + error.ToString());
    }

    private async Task<string> CreateKeyAsync(HostProcess host, Role role)
    {
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, _adminKey);
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "stop-" + role, roles = new[] { role.ToString() } });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("secret").GetString()!;
    }

    // Until the host stops listening: a refused or reset connection ends the worker; a 5xx answer is recorded.
    private static async Task IngestAsync(HostProcess host, string key, int worker, ConcurrentDictionary<Guid, long> acknowledged, ConcurrentBag<string> errors)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        for (var round = 0; ; round++)
        {
            try
            {
                var events = Enumerable.Range(0, 10).Select(i => PiEvents.Event(at: DateTimeOffset.UtcNow.AddSeconds(-1), customer: $"CIF-{worker}-{round}-{i}")).ToList();
                using var response = await client.PostBatchAsync(events);
                if (!response.IsSuccessStatusCode)
                {
                    errors.Add($"ingest {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    return;
                }

                foreach (var r in (await response.JsonAsync()).GetProperty("results").EnumerateArray())
                {
                    acknowledged[r.GetProperty("eventId").GetGuid()] = r.GetProperty("seq").GetInt64();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                return;
            }
        }
    }

    private static async Task ReadAsync(HostProcess host, string key, ConcurrentBag<string> errors, Action answered)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        var now = DateTimeOffset.UtcNow;
        var url = $"/api/v1/pi-access/events?customerReference=CIF-0-1-1&from={PiQueries.Q(now.AddDays(-1))}&to={PiQueries.Q(now.AddDays(1))}";
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(url);
                if (!response.IsSuccessStatusCode)
                {
                    errors.Add($"read {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    return;
                }

                answered();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                return;
            }
        }
    }

    private SqliteConnection Open() => PiAccessFile.Open(_data);

    private Dictionary<Guid, long> StoredEventIds() => PiAccessFile.StoredEventIds(_data);

    private long ReadAudits()
    {
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM audit_log WHERE entity_type = 'pi-access-query'";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
