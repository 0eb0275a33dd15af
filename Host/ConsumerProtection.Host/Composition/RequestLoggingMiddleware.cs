using System.Diagnostics;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// One log line per request: method, route template (never the raw path or query, which may carry personal
/// data), status and duration. The correlation id comes from the logging scope.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
                // An exception is answered 500 by the handler outside this middleware.
                Log(logger, context.Request.Method, route, failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "HTTP {Method} {Route} answered {Status} in {ElapsedMs:0.0} ms")]
    private static partial void Log(ILogger logger, string method, string route, int status, double elapsedMs);
}
