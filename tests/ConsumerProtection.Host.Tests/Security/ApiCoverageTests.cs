using System.Net;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Host.Tests.Security;

/// <summary>
/// Walks every operation in the OpenAPI document: anonymous callers get 401, a role the reviewed role matrix
/// (<c>RoleMatrix.txt</c>) does not allow gets 403, and every endpoint's declared roles equal the matrix. A new
/// endpoint that forgets its role requirement, or a widened role list, fails here until the matrix is reviewed.
/// Endpoints deliberately left out of the document (<c>ExcludeFromDescription()</c>, e.g. deprecated aliases) are
/// walked too, and must still require roles.
/// </summary>
public sealed class ApiCoverageTests
{
    private ApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new ApiFactory();

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private sealed record Operation(string Method, string Path, IReadOnlyList<Role> Allowed, IReadOnlyList<Role> Declared, bool Documented);

    // "GET /api/v1/complaints  Teller, ComplaintHandler" per line; '#' starts a comment.
    private static Dictionary<string, IReadOnlyList<Role>> Matrix() =>
        File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "Security", "RoleMatrix.txt"))
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split("  ", 2, StringSplitOptions.TrimEntries))
            .ToDictionary(p => p[0], p => (IReadOnlyList<Role>)p[1].Split(',', StringSplitOptions.TrimEntries)
                .Select(r => Roles.TryParse(r, out var role) ? role : throw new FormatException($"RoleMatrix.txt: '{r}' is not a role.")).Order().ToList());

    private async Task<List<Operation>> OperationsAsync()
    {
        using var client = _factory.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var endpoints = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var operations = new List<Operation>();
        var matrix = Matrix();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                var method = op.Name.ToUpperInvariant();
                var endpoint = endpoints.Single(e => Normalise(e.RoutePattern.RawText!) == path.Name
                    && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains(method));
                operations.Add(new Operation(method, path.Name, matrix.GetValueOrDefault($"{method} {path.Name}", []), DeclaredRoles(endpoint), Documented: true));
            }
        }

        foreach (var endpoint in endpoints.Where(e => IsApi(e) && IsExcluded(e)))
        {
            var path = Normalise(endpoint.RoutePattern.RawText!);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                operations.Add(new Operation(method, path, matrix.GetValueOrDefault($"{method} {path}", []), DeclaredRoles(endpoint), Documented: false));
            }
        }

        return operations;
    }

    private static List<Role> DeclaredRoles(RouteEndpoint endpoint) => endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
        .Where(a => a.Roles is not null)
        .SelectMany(a => a.Roles!.Split(','))
        .Select(r => Roles.TryParse(r, out var role) ? role : throw new FormatException(r)).Distinct().Order().ToList();

    private static bool IsApi(RouteEndpoint endpoint) => endpoint.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal);

    private static bool IsExcluded(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true };

    // "/api/v1/admin/api-keys/{id:guid}" -> "/api/v1/admin/api-keys/{id}"
    private static string Normalise(string pattern) =>
        "/" + string.Join('/', pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => s.StartsWith('{') && s.Contains(':') ? s[..s.IndexOf(':')] + "}" : s));

    private static string Concrete(string path) => path
        .Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{year}", "2026", StringComparison.Ordinal)
        .Replace("{date}", "2026-10-09", StringComparison.Ordinal)
        .Replace("{month}", "2026-01", StringComparison.Ordinal)
        .Replace("{schema}", "kernel", StringComparison.Ordinal)
        .Replace("{customerReference}", "CIF-0001", StringComparison.Ordinal)
        .Replace("{version}", "1", StringComparison.Ordinal)
        .Replace("{code}", "NO-SUCH-PRODUCT", StringComparison.Ordinal)
        .Replace("{documentId}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{number}", "1", StringComparison.Ordinal)
        .Replace("{reference}", "CP-20260101-000001", StringComparison.Ordinal);

    private static HttpRequestMessage Request(Operation op) => new(new HttpMethod(op.Method), Concrete(op.Path))
    {
        Content = op.Method is "POST" or "PUT" or "PATCH" ? HttpAssert.Json("{}") : null,
    };

    [Test]
    public async Task EveryOperation_HasRoleRequirement()
    {
        var operations = await OperationsAsync();
        Assert.That(operations, Has.Count.GreaterThan(10), "the document lists the API's operations");
        Assert.That(operations.Where(o => o.Allowed.Count == 0).Select(o => $"{o.Method} {o.Path}"), Is.Empty,
            "every endpoint must call RequireRoles(...)");
    }

    [Test]
    public async Task EveryOperation_DeclaredRoles_EqualTheReviewedMatrix()
    {
        var operations = await OperationsAsync();
        var actual = operations.Select(o => $"{o.Method} {o.Path}  {string.Join(", ", o.Declared)}").Order(StringComparer.Ordinal).ToList();
        var differing = operations.Where(o => !o.Allowed.SequenceEqual(o.Declared)).Select(o => $"{o.Method} {o.Path}").ToList();
        var stale = Matrix().Keys.Except(operations.Select(o => $"{o.Method} {o.Path}")).ToList();
        Assert.That(differing.Concat(stale), Is.Empty,
            "endpoints whose roles differ from Security/RoleMatrix.txt (or rows for endpoints that no longer exist); after review the table is:\n"
            + string.Join("\n", actual));
    }

    [Test]
    public async Task EveryApiEndpoint_IsInTheDocument_OrDeliberatelyExcludedAndStillRoleProtected()
    {
        var operations = await OperationsAsync();
        var documented = operations.Where(o => o.Documented).Select(o => o.Path).ToHashSet();
        var mapped = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Where(IsApi).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(mapped.Where(e => !IsExcluded(e)).Select(e => Normalise(e.RoutePattern.RawText!)).Where(p => !documented.Contains(p)), Is.Empty,
                "mapped /api/ endpoints missing from the document (document them, or ExcludeFromDescription() a deprecated alias)");
            Assert.That(operations.Where(o => !o.Documented && o.Declared.Count == 0).Select(o => $"{o.Method} {o.Path}"), Is.Empty,
                "endpoints left out of the document must still call RequireRoles(...)");
            Assert.That(operations.Where(o => !o.Documented).Select(o => $"{o.Method} {o.Path}"), Is.EquivalentTo(new[]
            {
                "GET /api/v1/complaints/by-reference/{reference}", "GET /api/v1/complaints/incidents/{id}",
            }), "the deprecated aliases, and only they, are left out of the document");
        });
    }

    [Test]
    public async Task EveryOperation_Anonymous_Answers401ProblemJson()
    {
        using var client = _factory.CreateClient();
        foreach (var op in await OperationsAsync())
        {
            using var response = await client.SendAsync(Request(op));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{op.Method} {op.Path}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), $"{op.Method} {op.Path}");
        }
    }

    [Test]
    public async Task EveryOperation_WithAnInvalidKey_Answers401()
    {
        using var client = _factory.WithKey("cpk_not-a-real-key-0000000000000000000000000");
        foreach (var op in await OperationsAsync())
        {
            using var response = await client.SendAsync(Request(op));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{op.Method} {op.Path}");
        }
    }

    [Test]
    public async Task EveryOperation_RoleNotAllowed_Answers403()
    {
        var operations = await OperationsAsync();
        var keys = new Dictionary<Role, string>();
        var checkedCount = 0;
        foreach (var op in operations)
        {
            var outsider = Roles.All.Where(r => !op.Allowed.Contains(r)).Cast<Role?>().FirstOrDefault();
            if (outsider is not { } role)
            {
                continue; // open to every role (e.g. GET /api/v1/me): nobody to refuse
            }

            if (!keys.TryGetValue(role, out var key))
            {
                keys[role] = key = (await _factory.CreateKeyAsync([role], branch: "B001")).Secret;
            }

            using var client = _factory.WithKey(key);
            using var response = await client.SendAsync(Request(op));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{op.Method} {op.Path} as {role}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            checkedCount++;
        }

        Assert.That(checkedCount, Is.GreaterThan(5));
    }

    [Test]
    public async Task HealthAndDocs_AreAnonymous()
    {
        using var client = _factory.CreateClient();
        foreach (var path in new[] { "/health/live", "/health/ready", "/openapi/v1.json", "/swagger/index.html" })
        {
            using var response = await client.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        }
    }

    [Test]
    public async Task OpenApiDocument_Is31_WithBothSecuritySchemes()
    {
        using var client = _factory.CreateClient();
        var doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        Assert.That(doc.GetProperty("openapi").GetString(), Does.StartWith("3.1"));
        var schemes = doc.GetProperty("components").GetProperty("securitySchemes");
        Assert.Multiple(() =>
        {
            Assert.That(schemes.GetProperty("ApiKey").GetProperty("name").GetString(), Is.EqualTo("X-Api-Key"));
            Assert.That(schemes.GetProperty("Bearer").GetProperty("scheme").GetString(), Is.EqualTo("bearer"));
        });
    }
}
