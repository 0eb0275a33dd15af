using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Complaints.Tests.Infrastructure;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Events;
using ConsumerProtection.Shared.MajorEvents;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Complaints.Tests.Incidents;

/// <summary>
/// Complaints incidents raise into the office's one major-event register (plan 6 art. 41, ADR 0008): one entry per
/// incident however often it is raised, linked back to the incident; the register's workflow refuses what it must.
/// </summary>
public sealed class MajorEventRegisterTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public async Task IncidentRaisesOneRegisterEntry_RaisedAgainOrRedelivered_StillOne()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => { b["productCode"] = "WM-01"; b["groupComplaint"] = true; }));
        var incident = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/complaints/incidents")).GetProperty("items").EnumerateArray().Single();
        var dispatcher = factory.Services.GetRequiredService<IntegrationEventDispatcher>();

        var beforeDispatch = await admin.GetFromJsonAsync<JsonElement>("/api/v1/major-events");
        await dispatcher.DispatchAllAsync(CancellationToken.None);

        // The same incident raised again (a new event id, as a retried raiser would send): the register keeps one entry.
        var db = factory.Services.GetRequiredKeyedService<IModuleDb>("complaints");
        var register = factory.Services.GetRequiredService<IMajorEventRegister>();
        await db.InTransactionAsync(async (c, tx) =>
        {
            await register.RaiseAsync(db, c, tx, new MajorEventRaised("Complaints", incident.GetProperty("id").GetString()!, "GroupComplaint",
                MajorEventSeverity.Major, Now, Now, "again", Guid.NewGuid()), CancellationToken.None);
            return 0;
        }, CancellationToken.None);
        await dispatcher.DispatchAllAsync(CancellationToken.None);

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/major-events?sourceModule=Complaints&status=Open");
        var entry = list.GetProperty("items").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(beforeDispatch.GetProperty("total").GetInt64(), Is.Zero, "registered from the outbox after commit, not inline");
            Assert.That(list.GetProperty("total").GetInt64(), Is.EqualTo(1));
            Assert.That(entry.GetProperty("sourceReference").GetString(), Is.EqualTo(incident.GetProperty("id").GetString()));
            Assert.That(entry.GetProperty("kind").GetString(), Is.EqualTo("GroupComplaint"));
            Assert.That(entry.GetProperty("summary").GetString(), Does.Contain("WM-01").And.Not.Contain("王芳"));
            Assert.That(entry.GetProperty("reportDueAt").GetDateTimeOffset(), Is.EqualTo(Now.AddHours(24)), "plan 6 art. 41: due within a day of detection");
        });
    }

    [Test]
    public async Task Workflow_IfMatchConflictsValidationScopeAndAudit()
    {
        using var factory = new ApiFactory(time: new FakeTimeProvider(Now));
        using var admin = factory.Admin();
        await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(Now, b => b["misappropriatedFunds"] = true));
        await factory.Services.GetRequiredService<IntegrationEventDispatcher>().DispatchAllAsync(CancellationToken.None);
        var (supervisor, _) = await ComplaintsApi.ClientAsync(factory, [Role.ComplaintSupervisor]);
        var (teller, _) = await ComplaintsApi.ClientAsync(factory, [Role.Teller], branch: "SH001");
        var (auditor, _) = await ComplaintsApi.ClientAsync(factory, [Role.Auditor]);
        using (supervisor)
        using (teller)
        using (auditor)
        {
            var id = (await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/major-events")).GetProperty("items")[0].GetProperty("id").GetGuid();
            var url = $"/api/v1/major-events/{id}";

            Assert.That((await teller.GetAsync("/api/v1/major-events")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await teller.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That((await auditor.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "Auditor reads");
            Assert.That((await Act(auditor, url + "/acknowledge", "\"1\"")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "Auditor only reads");
            await HttpAssert.Problem(await supervisor.GetAsync($"/api/v1/major-events/{Guid.NewGuid()}"), 404);
            await HttpAssert.Problem(await Act(supervisor, $"/api/v1/major-events/{Guid.NewGuid()}/acknowledge", "\"1\""), 404);
            await HttpAssert.FieldError(await supervisor.GetAsync("/api/v1/major-events?status=open"), "status");
            await HttpAssert.FieldError(await supervisor.GetAsync("/api/v1/major-events?pageSize=201"), "pageSize");

            using var read = await supervisor.GetAsync(url);
            Assert.That(read.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            await HttpAssert.Problem(await Act(supervisor, url + "/acknowledge", null), 428);
            await HttpAssert.Problem(await Act(supervisor, url + "/acknowledge", "\"7\""), 412);

            using var ack = await Act(supervisor, url + "/acknowledge", "\"1\"");
            var acked = await ack.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(acked.GetProperty("status").GetString(), Is.EqualTo("Acknowledged"));
            Assert.That(ack.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            var conflict = await HttpAssert.Problem(await Act(supervisor, url + "/acknowledge", "\"2\""), 409);
            Assert.That(conflict.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "report-upward" }));

            await HttpAssert.FieldError(await Act(supervisor, url + "/report-upward", "\"2\"", new { reportedTo = "人民银行上海分行" }), "reportedAt");
            await HttpAssert.FieldError(await Act(supervisor, url + "/report-upward", "\"2\"",
                new { reportedTo = "人民银行上海分行", reportedAt = Now.AddDays(1) }), "reportedAt");
            using var reported = await Act(supervisor, url + "/report-upward", "\"2\"",
                new { reportedTo = "人民银行上海分行", reportedAt = Now, reference = "SH-2026-041" });
            var body = await reported.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Multiple(() =>
            {
                Assert.That(reported.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Reported"));
                Assert.That(body.GetProperty("reportReference").GetString(), Is.EqualTo("SH-2026-041"));
                Assert.That(body.GetProperty("allowedActions").GetArrayLength(), Is.Zero);
            });
            var again = await HttpAssert.Problem(await Act(supervisor, url + "/report-upward", "\"3\"",
                new { reportedTo = "x", reportedAt = Now, reference = "y" }), 409);
            Assert.That(again.GetProperty("currentStatus").GetString(), Is.EqualTo("Reported"));
            var reportedList = await supervisor.GetFromJsonAsync<JsonElement>("/api/v1/major-events?status=Reported");
            Assert.That(reportedList.GetProperty("total").GetInt64(), Is.EqualTo(1));
        }

        using var file = factory.OpenFile("kernel");
        using var cmd = file.CreateCommand();
        cmd.CommandText = "SELECT action FROM audit_log WHERE entity_type = 'major-event' ORDER BY seq";
        var actions = new List<string>();
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                actions.Add(reader.GetString(0));
            }
        }

        Assert.That(actions, Is.EqualTo(new[] { "major-event.registered", "major-event.acknowledged", "major-event.reported" }),
            "every change audited once; refused attempts write nothing");
    }

    private static async Task<HttpResponseMessage> Act(HttpClient client, string url, string? etag, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return await client.SendAsync(request);
    }
}
