using System.Text.Json;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Modules;
using Dapper;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsumerProtection.Host.Composition;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (every schema reachable, migrations applied). Anonymous.</summary>
internal static class Health
{
    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = Write })
            .AllowAnonymous().DisableRateLimiting().ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = Write })
            .AllowAnonymous().DisableRateLimiting().ExcludeFromDescription();
    }

    private static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: http.RequestAborted);
    }
}

internal sealed class DatabaseHealthCheck(ModuleCatalog catalog, IServiceProvider services, MigrationRunner migrations) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var failing = new List<string>();
        foreach (var schema in catalog.Schemas)
        {
            try
            {
                var db = services.GetRequiredKeyedService<IModuleDb>(schema);
                await using var connection = await db.OpenAsync(ct);
                // Reaches the schema's own audit table, proving the file is attached and migrated.
                await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM [" + schema + "].[audit_log] WHERE seq < 0", cancellationToken: ct));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failing.Add(schema);
            }
        }

        if (failing.Count > 0)
        {
            return HealthCheckResult.Unhealthy("Unreachable schemas: " + string.Join(", ", failing));
        }

        var pending = migrations.PendingSchemas();
        return pending.Count > 0
            ? HealthCheckResult.Unhealthy("Migrations pending for: " + string.Join(", ", pending))
            : HealthCheckResult.Healthy($"{catalog.Modules.Count} schema(s) reachable and migrated");
    }
}
