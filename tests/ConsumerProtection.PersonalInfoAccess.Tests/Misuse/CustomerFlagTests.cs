using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Misuse;

public sealed class CustomerFlagTests
{
    private MisuseHarness _h = null!;

    [SetUp]
    public async Task SetUp() => _h = await MisuseHarness.StartAsync();

    [TearDown]
    public void TearDown() => _h.Dispose();

    private Task<HttpResponseMessage> PutAsync(string customer, string json) =>
        _h.Officer.PutAsync($"/api/v1/pi-access/customer-flags/{customer}", HttpAssert.Json(json));

    [Test]
    public async Task Put_CreatesThenReplaces_Delete_RemovesOnce_AllAudited()
    {
        Assert.That((int)(await PutAsync("CIF-7", """{"flag":"Employee","note":"teller at BR-002"}""")).StatusCode, Is.EqualTo(201));
        var replaced = await PutAsync("CIF-7", """{"flag":"Vip"}""");
        Assert.That((int)replaced.StatusCode, Is.EqualTo(200));
        var list = await (await _h.Officer.GetAsync("/api/v1/pi-access/customer-flags?flag=Vip")).JsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(1));
            Assert.That(list.GetProperty("items")[0].GetProperty("customerReference").GetString(), Is.EqualTo("CIF-7"));
            Assert.That(list.GetProperty("items")[0].GetProperty("note").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
        Assert.That((int)(await _h.Officer.DeleteAsync("/api/v1/pi-access/customer-flags/CIF-7")).StatusCode, Is.EqualTo(204));
        await HttpAssert.Problem(await _h.Officer.DeleteAsync("/api/v1/pi-access/customer-flags/CIF-7"), 404);
        Assert.Multiple(() =>
        {
            Assert.That(_h.AuditCount("pi-access.customer-flag.set"), Is.EqualTo(2));
            Assert.That(_h.AuditCount("pi-access.customer-flag.removed"), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Put_BadFlag_Is400AndStoresNothing()
    {
        await HttpAssert.FieldError(await PutAsync("CIF-8", """{"flag":"vip"}"""), "flag");
        await HttpAssert.FieldError(await PutAsync("CIF-8", """{"note":"x"}"""), "flag");
        var list = await (await _h.Officer.GetAsync("/api/v1/pi-access/customer-flags")).JsonAsync();
        Assert.That(list.GetProperty("total").GetInt64(), Is.Zero);
    }
}
