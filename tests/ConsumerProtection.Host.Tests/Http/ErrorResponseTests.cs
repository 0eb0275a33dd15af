using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ConsumerProtection.Host.Tests.Http;

/// <summary>Every bad input answers problem+json naming the field, and stores nothing.</summary>
public sealed class ErrorResponseTests
{
    private ApiFactory _factory = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _factory = new ApiFactory();
        _admin = _factory.Admin();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    private async Task<(long Keys, long Audit)> CountsAsync()
    {
        var keys = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/api-keys?pageSize=1");
        var audit = await _admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/kernel/records?pageSize=1");
        return (keys.GetProperty("total").GetInt64(), audit.GetProperty("total").GetInt64());
    }

    private static readonly object[] BadBodies =
    [
        new object[] { """{"name":"k","roles":["Admin"],"bogus":1}""", "bogus" },
        new object[] { """{"name":"k","roles":["NoSuchRole"]}""", "roles[0]" },
        new object[] { """{"name":"k","roles":[0]}""", "roles[0]" },
        new object[] { """{"name":"k","roles":["Admin"],"expiresAt":"2030-01-01T00:00:00"}""", "expiresAt" },
        new object[] { """{"name":"k","roles":["Admin"],"expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt" },
        new object[] { """{"name":"","roles":["Admin"]}""", "name" },
        new object[] { """{"roles":["Admin"]}""", "name" },
        new object[] { """{"name":"k","roles":[]}""", "roles" },
        new object[] { """{"name":"k","roles":["Admin"],"branchId":"分行/1"}""", "branchId" },
        new object[] { """{"name":"k","roles":["Admin"] """, "body" },
        new object[] { """{"name": 12, "roles":["Admin"]}""", "name" },
        new object[] { "[]", "body" },
    ];

    [TestCaseSource(nameof(BadBodies))]
    public async Task CreateKey_BadBody_Answers400WithField_StoresNothing(string json, string field)
    {
        var before = await CountsAsync();
        using var response = await _admin.PostAsync("/api/v1/admin/api-keys", HttpAssert.Json(json));
        var body = await HttpAssert.FieldError(response, field);
        Assert.That(body.GetProperty("correlationId").GetString(), Is.Not.Empty);
        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Post_WrongContentType_Answers415()
    {
        using var response = await _admin.PostAsync("/api/v1/admin/api-keys", new StringContent("name=k", Encoding.UTF8, "text/plain"));
        await HttpAssert.Problem(response, 415);
    }

    [Test]
    public async Task Post_NoBody_Answers400NamingTheBody()
    {
        using var response = await _admin.PostAsync("/api/v1/admin/api-keys", null);
        await HttpAssert.FieldError(response, "body");
        using var jsonNull = await _admin.PostAsync("/api/v1/admin/api-keys", HttpAssert.Json("null"));
        await HttpAssert.FieldError(jsonNull, "body");
    }

    // The field and its message come from the handler's signature and the body type, not from framework messages.
    [TestCase("/api/v1/admin/api-keys", """{"name":"k","roles":["Admin"],"bogus":1}""", "bogus", "is not a known member.")]
    [TestCase("/api/v1/complaints", """{"intakeChannel":"Counter","consumer":{"name":"x","nickname":"y"}}""", "consumer.nickname", "is not a known member.")]
    [TestCase("/api/v1/admin/api-keys", """{"name":"k","roles":["Admin"],"name":"j"}""", "name", "is given more than once")]
    public async Task BadMember_IsNamedWithItsCause(string path, string json, string field, string message)
    {
        using var response = await _admin.PostAsync(path, HttpAssert.Json(json));
        var body = await HttpAssert.FieldError(response, field);
        Assert.That(body.GetProperty("errors").GetProperty(field)[0].GetString(), Does.Contain(message));
    }

    [Test]
    public async Task Post_BodyOverOneMiB_Answers413_StoresNothing()
    {
        var before = await CountsAsync();
        var json = "{\"name\":\"" + new string('x', 1024 * 1024 + 10) + "\",\"roles\":[\"Admin\"]}";
        using var response = await _admin.PostAsync("/api/v1/admin/api-keys", HttpAssert.Json(json));
        await HttpAssert.Problem(response, 413);
        Assert.That(await CountsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task UnknownRoute_Answers404ProblemJson()
    {
        using var response = await _admin.GetAsync("/api/v1/no-such-thing");
        await HttpAssert.Problem(response, 404);
    }

    [Test]
    public async Task WrongMethod_Answers405ProblemJson()
    {
        using var response = await _admin.DeleteAsync("/api/v1/me");
        await HttpAssert.Problem(response, 405);
    }

    [Test]
    public async Task BadQueryValue_Answers400NamingTheParameter()
    {
        using var response = await _admin.GetAsync("/api/v1/admin/api-keys?pageSize=abc");
        await HttpAssert.FieldError(response, "pageSize");
        using var tooBig = await _admin.GetAsync("/api/v1/admin/api-keys?pageSize=5000");
        await HttpAssert.FieldError(tooBig, "pageSize");
    }

    [Test]
    public async Task MissingRequiredQuery_Answers400NamingTheParameter()
    {
        using var response = await _admin.GetAsync("/api/v1/calendar/working-days?from=2026-01-01");
        var body = await HttpAssert.FieldError(response, "to");
        Assert.That(body.GetProperty("errors").GetProperty("to")[0].GetString(), Is.EqualTo("is required."));
        using var unparsable = await _admin.GetAsync("/api/v1/calendar/working-days?from=2026-13-01&to=2026-02-30");
        var errors = (await HttpAssert.FieldError(unparsable, "from")).GetProperty("errors");
        Assert.That(errors.GetProperty("from")[0].GetString(), Is.EqualTo("has an invalid value."));
        Assert.That(errors.GetProperty("to")[0].GetString(), Is.EqualTo("has an invalid value."), "every unbindable value is named, not just the first");
    }

    [Test]
    public async Task UnhandledException_Answers500_WithoutStackTraceOrSql()
    {
        using var factory = new ApiFactory();
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.Replace(ServiceDescriptor.Singleton<IWorkingCalendar, ThrowingCalendar>()))).CreateClient();
        var bootstrap = factory.AdminKey;
        client.DefaultRequestHeaders.Add("X-Api-Key", bootstrap);
        using var response = await client.GetAsync("/api/v1/calendar/working-days?from=2026-01-01&to=2026-02-01");
        var body = await HttpAssert.Problem(response, 500);
        var text = body.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("SELECT"));
            Assert.That(text, Does.Not.Contain("ThrowingCalendar"));
            Assert.That(text, Does.Not.Contain(" at "));
            Assert.That(body.GetProperty("correlationId").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task Unauthorized_And_Forbidden_AreProblemJson()
    {
        using var anonymous = _factory.CreateClient();
        using var r401 = await anonymous.GetAsync("/api/v1/admin/api-keys");
        await HttpAssert.Problem(r401, 401);
        Assert.That(r401.Headers.WwwAuthenticate.ToString(), Does.Contain("ApiKey"));

        var (teller, _) = await _factory.CreateKeyAsync([ConsumerProtection.Shared.Security.Role.Teller], "B1");
        using var client = _factory.WithKey(teller);
        using var r403 = await client.GetAsync("/api/v1/admin/api-keys");
        await HttpAssert.Problem(r403, 403);
        Assert.That(r403.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    private sealed class ThrowingCalendar : IWorkingCalendar
    {
        public ValueTask<CalendarRules> GetAsync(CancellationToken ct) =>
            throw new InvalidOperationException("SELECT secret FROM [kernel].[calendar_day] failed");

        public void Invalidate()
        {
        }
    }
}
