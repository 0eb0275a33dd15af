using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Host.Tests.Retention;

public sealed class RetentionTests
{
    [TestCase("Retention:DefaultYears", "2")]
    [TestCase("Retention:RecordTypes:api-key", "1")]
    public void Startup_RetentionUnderThreeYears_RefusesToStart_NamingTheSetting(string setting, string value)
    {
        using var factory = new ApiFactory(new() { [setting] = value });
        var ex = Assert.Catch(() => factory.CreateClient());
        Assert.That(ex, Is.InstanceOf<OptionsValidationException>().Or.InnerException.InstanceOf<OptionsValidationException>());
        Assert.That(ex!.ToString(), Does.Contain(setting).And.Contain("at least 3 years"));
    }

    [Test]
    public async Task Startup_LongerRetention_Starts()
    {
        using var factory = new ApiFactory(new() { ["Retention:RecordTypes:api-key"] = "7" });
        using var admin = factory.Admin();
        var policies = await admin.GetFromJsonAsync<JsonElement>("/api/v1/retention/policies");
        var apiKey = policies.EnumerateArray().Single(p => p.GetProperty("recordType").GetString() == "api-key");
        Assert.That(apiKey.GetProperty("years").GetInt32(), Is.EqualTo(7));
    }

    [Test]
    public async Task DeleteAndDisposal_FollowRetentionAndLegalHold()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)));
        using var factory = new ApiFactory(time: time);
        using var admin = factory.Admin();
        var (_, id) = await factory.CreateKeyAsync([Role.Teller], "B1");

        // Active: never disposable.
        var active = await HttpAssert.Problem(await admin.DeleteAsync($"/api/v1/admin/api-keys/{id}"), 409);
        Assert.That(active.GetProperty("reason").GetString(), Is.EqualTo("active"));

        // Revoked: kept three years from revocation, and the answer says until when.
        (await admin.PostAsync($"/api/v1/admin/api-keys/{id}/revoke", null)).EnsureSuccessStatusCode();
        var kept = await HttpAssert.Problem(await admin.DeleteAsync($"/api/v1/admin/api-keys/{id}"), 409);
        Assert.That(kept.GetProperty("reason").GetString(), Is.EqualTo("retention"));
        Assert.That(kept.GetProperty("disposableOn").GetDateTimeOffset(), Is.EqualTo(time.GetUtcNow().AddYears(3)));

        // Under legal hold: past the period, still refused, and the disposal run leaves it.
        using var placed = await admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "api-key", recordId = id.ToString(), reason = "regulator inquiry 2026-04" });
        Assert.That(placed.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var hold = await placed.Content.ReadFromJsonAsync<JsonElement>();
        time.Advance(TimeSpan.FromDays(3 * 366));
        var held = await HttpAssert.Problem(await admin.DeleteAsync($"/api/v1/admin/api-keys/{id}"), 409);
        Assert.That(held.GetProperty("reason").GetString(), Is.EqualTo("legal-hold"));
        var run = await (await admin.PostAsync("/api/v1/retention/disposal-runs", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(run.GetProperty("disposed").GetInt32(), Is.Zero);
        Assert.That(run.GetProperty("held").GetInt32(), Is.EqualTo(1));
        Assert.That((await admin.GetAsync($"/api/v1/admin/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Hold lifted: the disposal run removes it and audits the disposal.
        (await admin.PostAsJsonAsync($"/api/v1/retention/holds/{hold.GetProperty("id").GetGuid()}/lift", new { reason = "inquiry closed" })).EnsureSuccessStatusCode();
        run = await (await admin.PostAsync("/api/v1/retention/disposal-runs", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(run.GetProperty("disposed").GetInt32(), Is.EqualTo(1));
        Assert.That((await admin.GetAsync($"/api/v1/admin/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/audit/kernel/records?entityId={id}");
        Assert.That(audit.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("action").GetString()),
            Is.EqualTo(new[] { "api-key.created", "api-key.revoked", "retention.disposed" }));
        var verify = await (await admin.PostAsync("/api/v1/audit/kernel/verify", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(verify.GetProperty("ok").GetBoolean(), Is.True);
    }

    [Test]
    public async Task LegalHold_BadInput_UnknownRecord_AndDoubleLift()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        await HttpAssert.FieldError(await admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "nope", recordId = "1", reason = "r" }), "recordType");
        await HttpAssert.FieldError(await admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "api-key", recordId = "1" }), "reason");
        await HttpAssert.Problem(await admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "api-key", recordId = Guid.NewGuid().ToString(), reason = "r" }), 404);

        var (_, id) = await factory.CreateKeyAsync([Role.Teller], "B1");
        var hold = await (await admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "api-key", recordId = id.ToString(), reason = "r" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var holdId = hold.GetProperty("id").GetGuid();

        // Placing a second hold on a held record returns the hold in force rather than stacking another.
        using var again = await admin.PostAsJsonAsync("/api/v1/retention/holds", new { recordType = "api-key", recordId = id.ToString(), reason = "r2" });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), Is.EqualTo(holdId));

        (await admin.PostAsJsonAsync($"/api/v1/retention/holds/{holdId}/lift", new { reason = "done" })).EnsureSuccessStatusCode();
        await HttpAssert.Problem(await admin.PostAsJsonAsync($"/api/v1/retention/holds/{holdId}/lift", new { reason = "again" }), 409);
        await HttpAssert.Problem(await admin.PostAsJsonAsync($"/api/v1/retention/holds/{Guid.NewGuid()}/lift", new { reason = "x" }), 404);
    }
}
