using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Modules;

namespace ConsumerProtection.Host.Composition;

/// <summary>The request pipeline, in order: errors, correlation, docs, routing, limits, auth, rate limits, idempotency, endpoints.</summary>
internal static class HostPipeline
{
    public static WebApplication UseConsumerProtection(this WebApplication app, IReadOnlyList<IModule> modules)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<RequestLimits>();
        app.UseMetricsScrape();
        app.UseApiDocsUi();
        app.UseRouting();
        app.UseMiddleware<BodySizeLimitMiddleware>();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<StrictEnumParameters>();
        app.UseMiddleware<IdempotencyMiddleware>();

        app.MapHealthEndpoints();
        app.MapApiDocs();
        var api = app.MapGroup("/api/v1");
        foreach (var module in modules)
        {
            module.MapEndpoints(api);
        }

        return app;
    }
}
