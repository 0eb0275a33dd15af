using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ConsumerProtection.Host.Tests.Security;

/// <summary>Tokens from the bank's identity provider map onto the same roles and branch model as API keys.</summary>
public sealed class JwtBearerTests
{
    private const string Issuer = "https://idp.bank.test";
    private const string Audience = "consumer-protection";
    private static readonly string SigningKey = new('k', 48);
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory(new()
    {
        ["Auth:Jwt:Issuer"] = Issuer,
        ["Auth:Jwt:Audience"] = Audience,
        ["Auth:Jwt:SigningKey"] = SigningKey,
    });

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private static string Token(string[] roles, string? branch = "GZ002", string key = "", DateTime? expires = null, string issuer = Issuer)
    {
        var claims = new List<Claim> { new("sub", "u-1001"), new("name", "Li Wei") };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        if (branch is not null)
        {
            claims.Add(new Claim("branch", branch));
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddMinutes(-10),
            IssuedAt = now.AddMinutes(-10),
            Expires = expires ?? now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key.Length > 0 ? key : SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    private HttpClient Client(string token)
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Test]
    public async Task ValidToken_MapsSubjectRolesAndBranch()
    {
        using var client = Client(Token(["ComplaintHandler", "Teller", "NotARole"]));
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Multiple(() =>
        {
            Assert.That(me.GetProperty("id").GetString(), Is.EqualTo("jwt:u-1001"));
            Assert.That(me.GetProperty("name").GetString(), Is.EqualTo("Li Wei"));
            Assert.That(me.GetProperty("branchId").GetString(), Is.EqualTo("GZ002"));
            Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(new[] { "ComplaintHandler", "Teller" }));
        });
    }

    [Test]
    public async Task Token_RoleNotAllowed_Answers403()
    {
        using var client = Client(Token(["Auditor"]));
        using var response = await client.GetAsync("/api/v1/admin/api-keys");
        await HttpAssert.Problem(response, 403);
        using var allowed = await client.GetAsync("/api/v1/audit/kernel/records");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task WrongSignature_Expired_WrongIssuer_Answer401()
    {
        foreach (var token in new[]
                 {
                     Token(["Admin"], key: new string('x', 48)),
                     Token(["Admin"], expires: DateTime.UtcNow.AddMinutes(-5)),
                     Token(["Admin"], issuer: "https://evil.test"),
                     "not-a-jwt",
                 })
        {
            using var client = Client(token);
            using var response = await client.GetAsync("/api/v1/me");
            await HttpAssert.Problem(response, 401);
        }
    }

    [TestCase("ComplaintSupervisor,Regulator", new[] { "ComplaintSupervisor", "Regulator" })]
    [TestCase("ComplaintHandler, Auditor", new[] { "ComplaintHandler", "Auditor" })]
    [TestCase("Teller,NotARole", new[] { "Teller" })]
    [TestCase("10", new string[0])]
    public async Task CommaJoinedRoleClaim_IsSplitIntoNames_NeverCombined(string claim, string[] expected)
    {
        using var client = Client(Token([claim]));
        using var meResponse = await client.GetAsync("/api/v1/me");
        if (expected.Length == 0)
        {
            Assert.That(meResponse.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no role at all");
        }
        else
        {
            var me = await meResponse.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()), Is.EquivalentTo(expected));
        }

        using var create = await client.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "escalation", roles = new[] { "Admin" } });
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "no combination of roles becomes Admin");
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task EmptyBranchClaim_Answers401(string branch)
    {
        using var client = Client(Token(["Teller"], branch: branch));
        await HttpAssert.Problem(await client.GetAsync("/api/v1/me"), 401);
    }

    [Test]
    public async Task TokenValidLongerThanMaxLifetime_Answers401_WithinItAnswers200()
    {
        var now = DateTime.UtcNow;
        using (var century = Client(Token(["Teller"], expires: now.AddYears(100))))
        {
            await HttpAssert.Problem(await century.GetAsync("/api/v1/me"), 401);
        }

        using (var thirteenHours = Client(Token(["Teller"], expires: now.AddHours(13))))
        {
            await HttpAssert.Problem(await thirteenHours.GetAsync("/api/v1/me"), 401);
        }

        using var elevenHours = Client(Token(["Teller"], expires: now.AddHours(11)));
        Assert.That((await elevenHours.GetAsync("/api/v1/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
