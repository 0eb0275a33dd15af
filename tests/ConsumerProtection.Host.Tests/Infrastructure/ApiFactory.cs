using System.Net.Http.Headers;
using System.Net.Http.Json;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Host.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh temporary SQLite data folder, with optional settings and a fake clock. It starts the
/// modules its <c>modules</c> argument names (with their dependencies and the kernel), else the test project's
/// <see cref="DefaultModules"/>: a module's tests start only that module (Modules:Enabled).
/// </summary>
internal sealed partial class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public ApiFactory(Dictionary<string, string?>? settings = null, FakeTimeProvider? time = null, string? dataDirectory = null,
        Action<IServiceCollection>? services = null, string[]? modules = null)
    {
        _services = services;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("N"));
        Time = time;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["RateLimiting:PermitsPerSecond"] = "100000",
            ["RateLimiting:Burst"] = "100000",
            ["BackgroundJobs:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if ((modules ?? DefaultModules()) is { } enabled)
        {
            _settings[ConsumerProtection.Shared.Modules.ModuleSelection.Setting] = string.Join(',', enabled);
        }

        foreach (var (k, v) in settings ?? [])
        {
            _settings[k] = v;
        }
    }

    public string DataDirectory { get; }

    /// <summary>The modules this test project's hosts start unless a test names others; null starts every module.</summary>
    private static partial string[]? DefaultModules();

    public FakeTimeProvider? Time { get; }

    /// <summary>The bootstrap Admin key the host wrote on first start (starts the host if needed).</summary>
    public string AdminKey
    {
        get
        {
            _ = Server;
            return File.ReadAllText(Path.Combine(DataDirectory, BootstrapAdminKey.FileName)).Trim();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings)
        {
            builder.UseSetting(k, v);
        }

        builder.UseEnvironment("Testing");
        if (Time is not null)
        {
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>A client that sends the bootstrap Admin key.</summary>
    public HttpClient Admin() => WithKey(AdminKey);

    /// <summary>A client that sends <paramref name="key"/> as X-Api-Key.</summary>
    public HttpClient WithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    /// <summary>Creates an API key through the Admin API and returns its secret and id.</summary>
    public async Task<(string Secret, Guid Id)> CreateKeyAsync(Role[] roles, string? branch = null, DateTimeOffset? expiresAt = null, string name = "test-key", string? department = null)
    {
        using var admin = Admin();
        var response = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name, roles = roles.Select(r => r.ToString()), branchId = branch, expiresAt, departmentId = department });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (body.GetProperty("secret").GetString()!, body.GetProperty("key").GetProperty("id").GetGuid());
    }

    /// <summary>A plain connection to a module's SQLite file, outside the host (to tamper with or inspect it).</summary>
    public SqliteConnection OpenFile(string schema)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(DataDirectory, schema + ".db"), Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS temp cleaner takes what is left.
            }
        }
    }
}

internal static class HttpAssert
{
    /// <summary>Asserts a problem+json answer with <paramref name="status"/> and returns its body.</summary>
    public static async Task<System.Text.Json.JsonElement> Problem(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        });
        var body = System.Text.Json.JsonDocument.Parse(text).RootElement;
        Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo(status));
        return body;
    }

    /// <summary>Asserts a 400 validation problem naming <paramref name="field"/>.</summary>
    public static async Task<System.Text.Json.JsonElement> FieldError(HttpResponseMessage response, string field)
    {
        var body = await Problem(response, 400);
        Assert.That(body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), Is.True,
            $"expected a field error for '{field}', got {body}");
        return body;
    }

    public static StringContent Json(string json) => new(json, new MediaTypeHeaderValue("application/json"));
}
