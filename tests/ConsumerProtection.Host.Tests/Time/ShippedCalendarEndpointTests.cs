using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Time;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Host.Tests.Time;

/// <summary>A fresh install answers with the shipped State Council schedules; the office's own entries always win.</summary>
public sealed class ShippedCalendarEndpointTests
{
    private static async Task<int> WorkingDaysAsync(HttpClient client, string from, string to) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/calendar/working-days?from={from}&to={to}")).GetProperty("workingDays").GetInt32();

    private static async Task<JsonElement> YearAsync(HttpClient client, int year) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/calendar/{year}");

    [Test]
    public async Task FreshInstall_NationalDay2026_IsNotWorked_And2027IsUnmaintained()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        Assert.That(await WorkingDaysAsync(admin, "2026-09-30", "2026-10-09"), Is.EqualTo(2), "Oct 8 and 9 only");
        var add = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2026-09-30&days=3");
        Assert.That(add.GetProperty("result").GetString(), Is.EqualTo("2026-10-10"), "Sat Oct 10 is a make-up working day");

        var y2026 = await YearAsync(admin, 2026);
        var y2027 = await YearAsync(admin, 2027);
        Assert.Multiple(() =>
        {
            Assert.That(y2026.GetProperty("maintained").GetBoolean(), Is.True);
            Assert.That(y2026.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(y2026.GetProperty("origin").GetString(), Is.EqualTo("Shipped"));
            Assert.That(y2026.GetProperty("source").GetString(), Is.EqualTo("国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)"));
            Assert.That(y2027.GetProperty("maintained").GetBoolean(), Is.False);
            Assert.That(y2027.GetProperty("version").GetInt64(), Is.Zero);
            Assert.That(y2027.GetProperty("days").GetArrayLength(), Is.Zero);
        });
    }

    [Test]
    public async Task OfficeYear_Wins_ShippedDataIsNotAppliedAgain()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        var own = new { days = new[] { new { date = "2026-10-01", kind = "Holiday", name = "国庆节" } } };
        (await admin.PutAsJsonAsync("/api/v1/admin/calendar/2026", own)).EnsureSuccessStatusCode();

        var applied = await factory.Services.GetRequiredService<ShippedCalendar>().ApplyAsync(CancellationToken.None);
        Assert.That(applied, Is.Empty, "a restart applies nothing over the office's year");
        var year = await YearAsync(admin, 2026);
        Assert.Multiple(() =>
        {
            Assert.That(year.GetProperty("days").GetArrayLength(), Is.EqualTo(1));
            Assert.That(year.GetProperty("origin").GetString(), Is.EqualTo("Office"));
            Assert.That(year.GetProperty("version").GetInt64(), Is.EqualTo(2));
        });
        Assert.That(await WorkingDaysAsync(admin, "2026-09-30", "2026-10-09"), Is.EqualTo(6), "Oct 2, 5, 6, 7, 8, 9");
    }

    [Test]
    public async Task LocalDay_WinsOverTheNationalEntry_AndSurvivesAnImport_EachChangeBumpsTheVersion()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        (await admin.PutAsJsonAsync("/api/v1/admin/calendar/local-days/2026-10-09", new { kind = "Holiday", name = "行庆日" })).EnsureSuccessStatusCode();
        Assert.That(await WorkingDaysAsync(admin, "2026-09-30", "2026-10-09"), Is.EqualTo(1));

        using var import = await admin.PostAsync("/api/v1/admin/calendar/import", HttpAssert.Json(CalendarFiles.NationalDay2026));
        Assert.That(import.IsSuccessStatusCode, Is.True, await import.Content.ReadAsStringAsync());
        var year = await YearAsync(admin, 2026);
        Assert.Multiple(async () =>
        {
            Assert.That(await WorkingDaysAsync(admin, "2026-09-30", "2026-10-09"), Is.EqualTo(1), "the local day stays");
            Assert.That(year.GetProperty("version").GetInt64(), Is.EqualTo(3), "shipped 1, local day 2, import 3");
            Assert.That(year.GetProperty("origin").GetString(), Is.EqualTo("Office"));
            Assert.That(await WorkingDaysAsync(admin, "2026-02-13", "2026-02-24"), Is.EqualTo(7), "the import replaced the shipped Spring Festival: Feb 16-20, 23, 24");
        });

        Assert.That((await admin.DeleteAsync("/api/v1/admin/calendar/local-days/2026-10-09")).IsSuccessStatusCode, Is.True);
        Assert.That(await WorkingDaysAsync(admin, "2026-09-30", "2026-10-09"), Is.EqualTo(2));
        await HttpAssert.Problem(await admin.DeleteAsync("/api/v1/admin/calendar/local-days/2026-10-01"), 404);
    }

    [TestCase("""{"format":"cp-calendar/1","year":2027}""", "source")]
    [TestCase("""{"format":"cp-calendar/1","year":"2027","source":"x","noticeDate":"2026-11-10","holidays":[]}""", "year")]
    [TestCase("""{"format":"CP-CALENDAR/1","year":2027,"source":"x","noticeDate":"2026-11-10","holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-01"}]}""", "format")]
    [TestCase("""{"format":"cp-calendar/1","year":2027,"source":"x","noticeDate":"2026-11-10","holidays":[{"name":"元旦","from":"2027-01-01","to":"2027-01-01","workdays":["2027-01-04"]}]}""", "holidays[0].workdays[0]")]
    [TestCase("""{"format":"cp-calendar/1","year":2027,"source":"x","noticeDate":"2026-11-10","holidays":[{"name":"元旦","from":"2028-01-03","to":"2028-01-03"}]}""", "holidays[0].from")]
    [TestCase("not json", "body")]
    public async Task Import_Invalid_Answers400NamingTheField_AndStoresNothing(string body, string field)
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        await HttpAssert.FieldError(await admin.PostAsync("/api/v1/admin/calendar/import", HttpAssert.Json(body)), field);
        Assert.That((await YearAsync(admin, 2027)).GetProperty("version").GetInt64(), Is.Zero);
    }

    [TestCase("2026-10-03", """{"kind":"Holiday","name":"x"}""", "kind")]
    [TestCase("2026-10-09", """{"kind":"Holiday,Workday","name":"x"}""", "kind")]
    [TestCase("2026-10-09", """{"kind":0,"name":"x"}""", "kind")]
    [TestCase("2026-13-01", """{"kind":"Holiday","name":"x"}""", "date")]
    [TestCase("2026-10-09", """{"kind":"Holiday"}""", "name")]
    public async Task LocalDay_Invalid_Answers400NamingTheField(string date, string body, string field)
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        await HttpAssert.FieldError(await admin.PutAsync($"/api/v1/admin/calendar/local-days/{date}", HttpAssert.Json(body)), field);
        Assert.That((await YearAsync(admin, 2026)).GetProperty("version").GetInt64(), Is.EqualTo(1));
    }
}
