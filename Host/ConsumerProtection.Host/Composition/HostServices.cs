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
        if (builder.Environment.IsDevelopment())
        {
            // A person reads the console in Development; machines read JSON lines everywhere else.
            builder.Logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        // ASP.NET Core's hosting diagnostics open a scope holding the raw RequestPath (e.g. a customer reference in
        // /pi-access/subjects/{ref}/report) on every line; the scope is only opened when that logger is on. Our own
        // request line logs the route template, and the correlation id has its own scope.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // A global 1 MiB cap; endpoints that need more declare it and BodySizeLimitMiddleware raises it per request.
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = BodySizeLimitMiddleware.DefaultLimit;
            // RequestLimits answers past 8 KiB / 32 KiB with problem+json; Kestrel's own (bodiless) answers only beyond these.
            k.Limits.MaxRequestLineSize = RequestLimits.KestrelUrlBytes;
            k.Limits.MaxRequestHeadersTotalSize = RequestLimits.KestrelHeaderBytes;
        });

        var services = builder.Services;
        // SIGTERM: Kestrel stops accepting and lets requests in flight finish, jobs finish their run in progress, then
        // the group-commit writers drain their queues; this one bound covers each stage.
        var drain = builder.Configuration.GetValue("Shutdown:TimeoutSeconds", 30);
        if (drain is < 1 or > 600)
        {
            throw new InvalidOperationException($"Shutdown:TimeoutSeconds must be between 1 and 600, got {drain}.");
        }

        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(drain));
        services.AddSharedKernel(builder.Configuration, modules);
        services.AddHostedService(sp => new ConsumerProtection.Host.Operations.NativeHeapTrimmer(sp.GetRequiredService<TimeProvider>()));
        services.ConfigureHttpJsonOptions(o => JsonDefaults.Apply(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddErrorHandling();
        services.AddApiSecurity(builder.Configuration);
        services.AddCallerRateLimiting(builder.Configuration);
        services.AddApiDocs();
        services.AddTelemetry(builder.Configuration);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("databases", tags: ["ready"])
            .AddCheck<AlertsHealthCheck>("operational-alerts", HealthStatus.Degraded, tags: ["ready"]);
        return builder;
    }
}
