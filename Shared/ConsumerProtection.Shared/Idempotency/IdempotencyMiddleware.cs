using System.Security.Cryptography;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Shared.Idempotency;

/// <summary>
/// Honours <c>Idempotency-Key</c> on endpoints marked <see cref="IdempotentAttribute"/>. The key is claimed
/// durably before the handler runs, so a retry can never run it twice: a retry with the same body gets the
/// first 2xx response again (with <c>Idempotent-Replayed: true</c>); another body answers 422; a retry while
/// the first is still running answers 409. A failed (non-2xx) first attempt releases the key.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, TimeProvider time)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>() is null
            || !HttpMethods.IsPost(context.Request.Method)
            || key.Length == 0
            || Caller.From(context.User) is not { } caller)
        {
            await next(context);
            return;
        }

        if (key.Length > 100 || !key.All(c => c is > ' ' and < (char)127))
        {
            await Write(context, StatusCodes.Status400BadRequest, "The Idempotency-Key header is invalid.",
                "Use 1 to 100 printable ASCII characters, e.g. a UUID.");
            return;
        }

        var hash = await HashRequestAsync(context.Request, context.RequestAborted);
        var existing = await store.ClaimAsync(caller.Id, key, hash, time.GetUtcNow(), context.RequestAborted);
        if (existing is not null)
        {
            await AnswerExisting(context, existing, hash);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.ReleaseAsync(caller.Id, key, CancellationToken.None);
            throw;
        }

        context.Response.Body = original;
        var status = context.Response.StatusCode;
        if (status is >= 200 and < 300)
        {
            await store.CompleteAsync(caller.Id, key, status, context.Response.ContentType,
                context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                context.Response.Headers.ETag.ToString() is { Length: > 0 } e ? e : null,
                buffer.ToArray(), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(caller.Id, key, CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerExisting(HttpContext context, IdempotencyRecord existing, string hash)
    {
        if (!string.Equals(existing.RequestHash, hash, StringComparison.Ordinal))
        {
            await Write(context, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for a different request.",
                "A key may be reused only to retry the identical request. Use a new key for a new request.");
            return;
        }

        if (existing.State != "done")
        {
            await Write(context, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.",
                "Retry after the first request has finished.");
            return;
        }

        context.Response.StatusCode = existing.ResponseStatus ?? StatusCodes.Status200OK;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }

        if (existing.Location is not null)
        {
            context.Response.Headers.Location = existing.Location;
        }

        if (existing.ETag is not null)
        {
            context.Response.Headers.ETag = existing.ETag;
        }

        if (existing.ResponseBody is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static async Task<string> HashRequestAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static Task Write(HttpContext context, int status, string title, string detail) =>
        Http.Problems.Status(status, title, detail).ExecuteAsync(context);
}
