using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Misuse;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

/// <summary>A host on a fake clock (Thursday 2026-11-26 10:00 Beijing time), a system client to send events and an officer to review.</summary>
internal sealed class MisuseHarness : IDisposable
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private MisuseHarness(ApiFactory api, HttpClient system, HttpClient officer)
    {
        Api = api;
        System = system;
        Officer = officer;
    }

    public ApiFactory Api { get; }

    public HttpClient System { get; }

    public HttpClient Officer { get; }

    public static async Task<MisuseHarness> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var api = new ApiFactory(settings, new FakeTimeProvider(PiEvents.Now));
        return new MisuseHarness(api, await api.SystemClientAsync(), await api.ReaderAsync(Role.PrivacyOfficer));
    }

    /// <summary>A bank-local instant on a November 2026 day.</summary>
    public static DateTimeOffset Local(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, Beijing);

    public async Task SendAsync(params Dictionary<string, object?>[] events)
    {
        var response = await System.PostBatchAsync(events);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
    }

    public Task<MisuseRun> RunAsync() => Api.Services.GetRequiredService<MisuseDetector>().RunOnceAsync(CancellationToken.None);

    public async Task<List<JsonElement>> AlertsAsync(string query = "")
    {
        var response = await Officer.GetAsync("/api/v1/pi-access/alerts?pageSize=200" + query);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
    }

    public async Task<List<JsonElement>> AlertsOfAsync(string rule) => await AlertsAsync("&rule=" + rule);

    public async Task SetCalendarAsync(params (string Date, string Kind)[] days)
    {
        using var admin = Api.Admin();
        var body = new { days = days.Select(d => new { date = d.Date, kind = d.Kind, name = "test" }) };
        (await admin.PutAsJsonAsync("/api/v1/admin/calendar/2026", body)).EnsureSuccessStatusCode();
    }

    public long AuditCount(string action)
    {
        using var c = Api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM audit_log WHERE action = $a";
        cmd.Parameters.AddWithValue("$a", action);
        return (long)cmd.ExecuteScalar()!;
    }

    public long Cursor()
    {
        using var c = Api.OpenFile("piaccess");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT last_seq FROM misuse_cursor WHERE name = 'misuse'";
        return (long)cmd.ExecuteScalar()!;
    }

    public void Dispose()
    {
        System.Dispose();
        Officer.Dispose();
        Api.Dispose();
    }
}
