using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// URL and header limits answered as problem+json. Kestrel's own limit answers (414, 431, 400 for a malformed
/// request line) have empty bodies and never reach the pipeline, so Kestrel's limits are set well above ours and
/// this middleware enforces ours, with a body that says what was too long. Requests past Kestrel's outer limits,
/// or not parseable as HTTP at all, still get Kestrel's bare answer (documented in the host README).
/// </summary>
internal sealed class RequestLimits(RequestDelegate next)
{
    /// <summary>The longest path and query string we answer (8 KiB, Kestrel's usual request-line limit).</summary>
    public const int MaxUrlBytes = 8 * 1024;

    /// <summary>The most header bytes we answer (32 KiB, Kestrel's usual header limit).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's limits, beyond which it answers with an empty body.</summary>
    public const int KestrelUrlBytes = 64 * 1024;

    public const int KestrelHeaderBytes = 128 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Value?.Length + request.QueryString.Value?.Length > MaxUrlBytes)
        {
            return Problems.Status(StatusCodes.Status414UriTooLong, "The URL is too long.",
                $"Path and query string together may hold at most {MaxUrlBytes} characters.").ExecuteAsync(context);
        }

        var headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length + 4;
            foreach (var value in values)
            {
                headerBytes += value?.Length ?? 0;
            }
        }

        return headerBytes > MaxHeaderBytes
            ? Problems.Status(StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"All headers together may hold at most {MaxHeaderBytes} bytes.").ExecuteAsync(context)
            : next(context);
    }
}
