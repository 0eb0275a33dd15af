using ConsumerProtection.Shared;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Modules;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ConsumerProtection.Host.Composition;

/// <summary>Registers everything the host needs: kernel, modules, JSON, errors, security, limits, OpenAPI, health.</summary>
internal static class HostServices
{
    public static WebApplicationBuilder AddConsumerProtection(this WebApplicationBuilder builder, IReadOnlyList<IModule> modules)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });

        // A global 1 MiB cap; endpoints that need more declare it and BodySizeLimitMiddleware raises it per request.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = BodySizeLimitMiddleware.DefaultLimit);

        var services = builder.Services;
        services.AddSharedKernel(builder.Configuration, modules);
        services.ConfigureHttpJsonOptions(o => JsonDefaults.Apply(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddErrorHandling();
        services.AddApiSecurity(builder.Configuration);
        services.AddCallerRateLimiting(builder.Configuration);
        services.AddApiDocs();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("databases", tags: ["ready"])
            .AddCheck<AlertsHealthCheck>("operational-alerts", HealthStatus.Degraded, tags: ["ready"]);
        return builder;
    }
}
