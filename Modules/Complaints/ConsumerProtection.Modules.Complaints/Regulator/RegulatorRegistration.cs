using ConsumerProtection.Shared.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>Registers the regulator gateway: options, the resilient typed client, the client and the two jobs (the outbox hook is found by the module's scan).</summary>
internal static class RegulatorRegistration
{
    public static void AddRegulatorGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RegulatorOptions>(configuration, RegulatorOptions.Section);

        services.AddHttpClient<RegulatorGatewayClient>((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<RegulatorOptions>>().Value;
                if (Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var baseUrl))
                {
                    // A trailing slash makes "transfers" resolve under the base path instead of replacing its last segment.
                    http.BaseAddress = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/");
                }

                if (!string.IsNullOrEmpty(o.ApiKey))
                {
                    http.DefaultRequestHeaders.Add(o.ApiKeyHeader, o.ApiKey);
                }

                // The pipeline's total timeout governs; HttpClient's own 100 s default would cut across it.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler("regulator-gateway", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<RegulatorOptions>>().Value;
                // Outermost first: total timeout, retry, circuit breaker, per-attempt timeout. The breaker sits inside
                // the retry so every attempt counts towards opening it, and an open breaker ends the retrying at once.
                pipeline
                    .AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = TimeSpan.FromSeconds(o.TotalTimeoutSeconds) })
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        // Retrying POST is safe: the regulator is idempotent on the event id.
                        MaxRetryAttempts = o.RetryCount,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromSeconds(o.RetryBaseDelaySeconds),
                    })
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = o.BreakerFailureRatio,
                        MinimumThroughput = o.BreakerMinimumThroughput,
                        SamplingDuration = TimeSpan.FromSeconds(o.BreakerSamplingSeconds),
                        BreakDuration = TimeSpan.FromSeconds(o.BreakerBreakSeconds),
                    })
                    .AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = TimeSpan.FromSeconds(o.AttemptTimeoutSeconds) });
            });

        services.AddSingleton<TransferIntake>();
        services.AddSingleton<Shared.Operations.IOutboxProbe, RegulatorOutboxProbe>();
        // Like the kernel's jobs, and only with the gateway on.
        services.AddBackgroundJob<RegulatorPullJob>(configuration, when: configuration.GetValue($"{RegulatorOptions.Section}:Enabled", false));
        services.AddBackgroundJob<RegulatorOutboxJob>(configuration, when: configuration.GetValue($"{RegulatorOptions.Section}:Enabled", false));
    }
}
