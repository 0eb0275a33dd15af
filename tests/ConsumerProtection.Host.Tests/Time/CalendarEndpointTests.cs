using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Host.Tests.Time;

public sealed class CalendarEndpointTests
{
    // China's 2025 National Day and Mid-Autumn holiday: Oct 1-8 off, make-up working days Sun Sep 28 and Sat Oct 11.
    private static readonly object NationalDay2025 = new
    {
        days = new object[]
        {
            new { date = "2025-09-28", kind = "Workday", name = "国庆节调休" },
            new { date = "2025-10-01", kind = "Holiday", name = "国庆节" },
            new { date = "2025-10-02", kind = "Holiday", name = "国庆节" },
            new { date = "2025-10-03", kind = "Holiday", name = "国庆节" },
            new { date = "2025-10-06", kind = "Holiday", name = "中秋节" },
            new { date = "2025-10-07", kind = "Holiday", name = "国庆节" },
            new { date = "2025-10-08", kind = "Holiday", name = "国庆节" },
            new { date = "2025-10-11", kind = "Workday", name = "国庆节调休" },
        },
    };

    [Test]
    public async Task ReplaceYear_ThenWorkingDayQueriesUseIt_AndItIsAudited()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        (await admin.PutAsJsonAsync("/api/v1/admin/calendar/2025", NationalDay2025)).EnsureSuccessStatusCode();

        var (teller, _) = await factory.CreateKeyAsync([Role.Teller], "B1");
        using var client = factory.WithKey(teller);
        var year = await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2025");
        Assert.That(year.GetProperty("days").GetArrayLength(), Is.EqualTo(8));
        Assert.That(year.GetProperty("days")[1].GetProperty("name").GetString(), Is.EqualTo("国庆节"));

        var add = await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2025-09-30&days=1");
        Assert.That(add.GetProperty("result").GetString(), Is.EqualTo("2025-10-09"));
        Assert.That(add.GetProperty("endOfDay").GetDateTimeOffset(), Is.EqualTo(new DateTimeOffset(2025, 10, 10, 0, 0, 0, TimeSpan.FromHours(8))));

        // Sep 26 (Fri) .. Oct 12 (Sun): Sep 28 make-up + Sep 29, 30 + Oct 9, 10, 11 make-up = 6 working days after Sep 26.
        var between = await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/working-days?from=2025-09-26&to=2025-10-12");
        Assert.That(between.GetProperty("workingDays").GetInt32(), Is.EqualTo(6));

        // The shipped schedule applied at first start, then the office's replacement: both audited.
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/kernel/records?entityType=calendar-year&entityId=2025");
        Assert.That(audit.GetProperty("total").GetInt64(), Is.EqualTo(2));
        Assert.That(audit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()),
            Is.EquivalentTo(new[] { "calendar.shipped-applied", "calendar.year-replaced" }));

        // Replacing the year again removes days no longer listed.
        (await admin.PutAsJsonAsync("/api/v1/admin/calendar/2025", new { days = Array.Empty<object>() })).EnsureSuccessStatusCode();
        add = await client.GetFromJsonAsync<JsonElement>("/api/v1/calendar/add-working-days?from=2025-09-30&days=1");
        Assert.That(add.GetProperty("result").GetString(), Is.EqualTo("2025-10-01"));
    }

    [TestCase("""{"days":[{"date":"2025-10-04","kind":"Holiday","name":"x"}]}""", "days[0].kind")]
    [TestCase("""{"days":[{"date":"2025-10-01","kind":"Workday","name":"x"}]}""", "days[0].kind")]
    [TestCase("""{"days":[{"date":"2026-10-01","kind":"Holiday","name":"x"}]}""", "days[0].date")]
    [TestCase("""{"days":[{"date":"2025-10-01","kind":"Holiday","name":"x"},{"date":"2025-10-01","kind":"Holiday","name":"y"}]}""", "days[1].date")]
    [TestCase("""{"days":[{"date":"2025-10-01","kind":"Holiday"}]}""", "days[0].name")]
    [TestCase("""{"days":[{"date":"2025-13-01","kind":"Holiday","name":"x"}]}""", "days[0].date")]
    [TestCase("""{"days":[{"date":"2025-10-01","kind":"Vacation","name":"x"}]}""", "days[0].kind")]
    [TestCase("""{"days":[{"date":"2025-10-01","kind":"Holiday,Workday","name":"x"}]}""", "days[0].kind")]
    [TestCase("""{"days":[{"date":"2025-10-01","kind":0,"name":"x"}]}""", "days[0].kind")]
    public async Task ReplaceYear_BadDay_Answers400WithField_StoresNothing(string json, string field)
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        (await admin.PutAsJsonAsync("/api/v1/admin/calendar/2025", NationalDay2025)).EnsureSuccessStatusCode();
        await HttpAssert.FieldError(await admin.PutAsync("/api/v1/admin/calendar/2025", HttpAssert.Json(json)), field);
        var year = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/2025");
        Assert.That(year.GetProperty("days").GetArrayLength(), Is.EqualTo(8));
    }

    [Test]
    public async Task Year_OutOfRange_Answers400()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        await HttpAssert.FieldError(await admin.GetAsync("/api/v1/calendar/1900"), "year");
        await HttpAssert.FieldError(await admin.GetAsync("/api/v1/calendar/add-working-days?from=2025-01-01&days=-1"), "days");
    }
}
