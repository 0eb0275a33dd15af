using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// Enforces the request body limit: 1 MiB unless the endpoint declares more with
/// <c>.WithMetadata(new RequestSizeLimitAttribute(bytes))</c>. A declared Content-Length over the limit is
/// answered 413 at once; a chunked body is cut off by the server at the same limit.
/// </summary>
public sealed class BodySizeLimitMiddleware(RequestDelegate next)
{
    /// <summary>The default limit in bytes.</summary>
    public const long DefaultLimit = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? DefaultLimit;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await Problems.Status(
                StatusCodes.Status413PayloadTooLarge,
                "The request body is too large.",
                $"This endpoint accepts at most {limit} bytes.").ExecuteAsync(context);
            return;
        }

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
