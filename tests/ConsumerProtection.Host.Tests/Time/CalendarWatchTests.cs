using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Host.Tests.Time;

/// <summary>
/// From 1 November (bank time, Asia/Shanghai) a missing next-year schedule raises one operational alert, which Admins
/// list and acknowledge, which /health/ready reports as a warning (Degraded, still 200), and which an import resolves.
/// </summary>
public sealed class CalendarWatchTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    private static async Task<List<JsonElement>> AlertsAsync(HttpClient admin, string state = "Open") =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/alerts?state=" + state)).GetProperty("items").EnumerateArray().ToList();

    [Test]
    public async Task NextYearMissing_31October_None_1November_OneRaisedOnce_ThenResolvedByImport()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 31, 23, 59, 0, Shanghai));
        using var factory = new ApiFactory(time: time);
        using var admin = factory.Admin();
        var watch = factory.Services.GetRequiredService<CalendarWatch>();

        Assert.That(await watch.CheckAsync(CancellationToken.None), Is.Empty);
        Assert.That(await AlertsAsync(admin), Is.Empty, "31 October: next year's notice may still come");

        time.SetUtcNow(new DateTimeOffset(2026, 11, 1, 0, 0, 0, Shanghai)); // 2026-10-31T16:00Z: already 1 November in Shanghai
        Assert.That(await watch.CheckAsync(CancellationToken.None), Is.EqualTo(new[] { 2027 }));
        await watch.CheckAsync(CancellationToken.None);
        var open = await AlertsAsync(admin);
        Assert.That(open, Has.Count.EqualTo(1), "raised once");
        Assert.Multiple(() =>
        {
            Assert.That(open[0].GetProperty("key").GetString(), Is.EqualTo("calendar.year-missing:2027"));
            Assert.That(open[0].GetProperty("severity").GetString(), Is.EqualTo("Warning"));
            Assert.That(open[0].GetProperty("message").GetString(), Does.Contain("2027"));
        });

        using var ready = await factory.CreateClient().GetAsync("/health/ready");
        var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a warning never fails readiness");
            Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(health.GetProperty("checks").GetProperty("operational-alerts").GetProperty("description").GetString(), Does.Contain("calendar.year-missing:2027"));
        });

        var id = open[0].GetProperty("id").GetGuid();
        var acked = await (await admin.PostAsync($"/api/v1/admin/alerts/{id}/acknowledge", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(acked.GetProperty("acknowledgedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        await watch.CheckAsync(CancellationToken.None);
        Assert.That(await AlertsAsync(admin), Has.Count.EqualTo(1), "acknowledged, still open, not raised again");

        using var import = await admin.PostAsync("/api/v1/admin/calendar/import", HttpAssert.Json(CalendarFiles.Test2027));
        Assert.That(import.IsSuccessStatusCode, Is.True, await import.Content.ReadAsStringAsync());
        Assert.That(await AlertsAsync(admin), Is.Empty, "the import resolves it");
        var all = await AlertsAsync(admin, "All");
        Assert.That(all.Single().GetProperty("resolvedAt").ValueKind, Is.EqualTo(JsonValueKind.String));
        using var healthy = await factory.CreateClient().GetAsync("/health/ready");
        Assert.That(JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task FreshInstall_On1December2026_RaisesTheMissing2027AlertAtFirstStart()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, Shanghai));
        using var factory = new ApiFactory(time: time);
        using var admin = factory.Admin();
        Assert.That((await AlertsAsync(admin)).Select(a => a.GetProperty("key").GetString()), Is.EqualTo(new[] { "calendar.year-missing:2027" }));
    }

    [TestCase("open")]
    [TestCase("0")]
    [TestCase("Open,All")]
    public async Task Alerts_BadState_Answers400(string state)
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        await HttpAssert.FieldError(await admin.GetAsync("/api/v1/admin/alerts?state=" + Uri.EscapeDataString(state)), "state");
    }

    [Test]
    public async Task Acknowledge_Unknown_Answers404()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        await HttpAssert.Problem(await admin.PostAsync($"/api/v1/admin/alerts/{Guid.NewGuid()}/acknowledge", null), 404);
    }
}
