using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// A token bucket per caller (per client address before sign-in): <c>RateLimiting:PermitsPerSecond</c> (default 100)
/// with bursts up to <c>RateLimiting:Burst</c> (default 200). Past it: 429 with Retry-After, never 503.
/// </summary>
internal static class RateLimiting
{
    public static IServiceCollection AddCallerRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("RateLimiting:PermitsPerSecond", 100);
        var burst = configuration.GetValue("RateLimiting:Burst", 200);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ctx =>
                RateLimitPartition.GetTokenBucketLimiter(
                    ctx.User.FindFirstValue(Caller.IdClaim) ?? "addr:" + ctx.Connection.RemoteIpAddress,
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = burst,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            o.OnRejected = async (ctx, ct) =>
            {
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                ctx.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await Problems.Status(
                    StatusCodes.Status429TooManyRequests,
                    "Too many requests.",
                    $"Slow down and retry after {retryAfter} second(s).").ExecuteAsync(ctx.HttpContext);
            };
        });
        return services;
    }
}
