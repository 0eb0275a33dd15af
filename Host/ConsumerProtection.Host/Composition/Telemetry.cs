using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ConsumerProtection.Shared.Http;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// OpenTelemetry: traces of requests (by route template) and outbound calls, ASP.NET Core and HttpClient metrics and
/// the product's own meters (<c>ConsumerProtection.*</c>). No attribute may carry personal data or a customer
/// reference: raw paths and queries (<c>/pi-access/subjects/{customerRef}/report</c>, <c>?customerReference=</c>) are
/// dropped from request spans, and outbound spans keep only the regulator's scheme and host.
/// </summary>
internal static class Telemetry
{
    public const string MeterPrefix = "ConsumerProtection.*";
    public const string ScrapePath = "/metrics";

    private static readonly string[] RawTags = ["url.path", "url.query", "url.full", "http.target", "http.url"];

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var options = TelemetryOptions.Read(configuration);
        services.AddSingleton(options);
        if (!options.Enabled)
        {
            return services;
        }

        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? null : new Uri(options.OtlpEndpoint);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ConsumerProtection"))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = ctx => !ctx.Request.Path.StartsWithSegments(ScrapePath) && !ctx.Request.Path.StartsWithSegments("/health");
                    o.EnrichWithHttpRequest = (activity, _) => Redact(activity);
                    o.EnrichWithHttpResponse = (activity, _) => Redact(activity);
                });
                t.AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = (activity, request) => activity.SetTag("url.full", request.RequestUri?.GetLeftPart(UriPartial.Authority));
                    o.EnrichWithHttpResponseMessage = (activity, response) =>
                        activity.SetTag("url.full", response.RequestMessage?.RequestUri?.GetLeftPart(UriPartial.Authority));
                });
                t.AddSource(MeterPrefix);
                if (otlp is not null)
                {
                    t.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation();
                m.AddHttpClientInstrumentation();
                m.AddMeter(MeterPrefix);
                if (options.PrometheusEnabled)
                {
                    m.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    m.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        return services;
    }

    /// <summary>Serves <c>/metrics</c> when enabled, behind its own bearer token (before API-key auth and rate limits).</summary>
    public static WebApplication UseMetricsScrape(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<TelemetryOptions>();
        if (!options.Enabled || !options.PrometheusEnabled)
        {
            return app;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.ScrapeToken!.Trim()));
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments(ScrapePath), branch =>
        {
            branch.Use(async (ctx, next) =>
            {
                var header = ctx.Request.Headers.Authorization.ToString();
                var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
                // Compare hashes in fixed time, so the answer's timing tells nothing about the token.
                if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), expected))
                {
                    ctx.Response.Headers.WWWAuthenticate = "Bearer";
                    await Problems.Status(StatusCodes.Status401Unauthorized, "Unauthorized", "The metrics endpoint needs Telemetry:Prometheus:ScrapeToken as a bearer token.")
                        .ExecuteAsync(ctx);
                    return;
                }

                await next(ctx);
            });
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(ctx => ctx.Request.Path.StartsWithSegments(ScrapePath));
        return app;
    }

    private static void Redact(Activity activity)
    {
        foreach (var tag in RawTags)
        {
            activity.SetTag(tag, null);
        }
    }
}
