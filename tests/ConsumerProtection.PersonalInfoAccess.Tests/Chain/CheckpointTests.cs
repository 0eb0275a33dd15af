using System.Net;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Chain;
using ConsumerProtection.PersonalInfoAccess.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

public sealed class CheckpointTests : ChainFixture
{
    protected override Dictionary<string, string?>? Settings => new() { ["PiAccess:Checkpoints:EveryEvents"] = "100" };

    [Test]
    public async Task CommitListener_EveryNEvents_TakesACheckpointAtTheHead()
    {
        var trigger = Api.Services.GetRequiredService<CheckpointTrigger>();
        for (var i = 0; i < 5; i++)
        {
            await Appender.SeedAsync(50);
            await trigger.SettledAsync();
        }

        var seqs = (await Auditor.CheckpointsAsync()).Select(c => c.GetProperty("seq").GetInt64());
        Assert.That(seqs, Is.EqualTo(new long[] { 200, 100 }), "newest first, one per 100 committed events");
        Assert.That(Api.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'checkpoint.created' AND actor_id = 'system:pi-access-checkpoint'"),
            Is.EqualTo(2));
    }

    [Test]
    public async Task Job_RunOnce_TakesOneOnlyWhenNewEventsExist()
    {
        var job = Api.Services.GetRequiredService<CheckpointJob>();
        Assert.That(await job.RunOnceAsync(CancellationToken.None), Is.Null, "empty log");
        await Appender.SeedAsync(30);
        var taken = await job.RunOnceAsync(CancellationToken.None);
        Assert.That(taken?.Seq, Is.EqualTo(30));
        Assert.That(await job.RunOnceAsync(CancellationToken.None), Is.Null, "the head has not moved");
    }

    [Test]
    public async Task PostCheckpoint_TakesOneNow_ThenReturnsTheLatestWhileTheHeadStands()
    {
        await HttpAssert.Problem(await Auditor.PostAsync("/api/v1/pi-access/checkpoints", null), 409);
        await Appender.SeedAsync(7);
        var first = await Auditor.PostAsync("/api/v1/pi-access/checkpoints", null);
        var again = await Auditor.PostAsync("/api/v1/pi-access/checkpoints", null);
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await again.JsonAsync()).GetProperty("seq").GetInt64(), Is.EqualTo(7));
            Assert.That(Api.Scalar("SELECT COUNT(*) FROM checkpoint"), Is.EqualTo(1));
            Assert.That(Api.Scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'checkpoint.created' AND entity_id = '7' AND actor_id LIKE 'key:%'"),
                Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ListCheckpoints_GivesEverythingAnAuditorKeeps_AndPages()
    {
        var job = Api.Services.GetRequiredService<CheckpointJob>();
        for (var i = 0; i < 3; i++)
        {
            await Appender.SeedAsync(10);
            await job.RunOnceAsync(CancellationToken.None);
        }

        using var officer = await Api.ReaderAsync(Role.PrivacyOfficer);
        var page = await (await officer.GetAsync("/api/v1/pi-access/checkpoints?page=2&pageSize=2")).JsonAsync();
        var item = page.GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(page.GetProperty("total").GetInt64(), Is.EqualTo(3));
            Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
            Assert.That(item.GetProperty("seq").GetInt64(), Is.EqualTo(10));
            Assert.That(item.GetProperty("rowHash").GetString(), Has.Length.EqualTo(64));
            Assert.That(item.GetProperty("keyId").GetString(), Has.Length.EqualTo(16));
            Assert.That(Convert.FromBase64String(item.GetProperty("signature").GetString()!), Is.Not.Empty);
            Assert.That(item.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(PiEvents.Now));
        });
        await HttpAssert.FieldError(await officer.GetAsync("/api/v1/pi-access/checkpoints?pageSize=500"), "pageSize");
    }

    [TestCase(Role.Teller, "GET", "/api/v1/pi-access/checkpoints")]
    [TestCase(Role.SystemClient, "GET", "/api/v1/pi-access/checkpoints")]
    [TestCase(Role.Teller, "GET", "/api/v1/pi-access/checkpoints/public-key")]
    [TestCase(Role.SystemClient, "GET", "/api/v1/pi-access/checkpoints/public-key")]
    [TestCase(Role.SystemClient, "POST", "/api/v1/pi-access/checkpoints")]
    [TestCase(Role.Teller, "POST", "/api/v1/pi-access/checkpoints")]
    [TestCase(Role.PrivacyOfficer, "POST", "/api/v1/pi-access/checkpoints")]
    public async Task CheckpointEndpoints_WrongRole_Is403(Role role, string method, string path)
    {
        using var client = await Api.ReaderAsync(role);
        await HttpAssert.Problem(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), 403);
    }
}
