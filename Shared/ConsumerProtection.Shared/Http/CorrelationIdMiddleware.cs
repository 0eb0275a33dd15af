using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ConsumerProtection.Shared.Http;

/// <summary>
/// Accepts <c>X-Correlation-Id</c> (1–64 characters of letters, digits and <c>-_.:</c>) or generates one,
/// echoes it on the response, and puts it in the logging scope and the audit records.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    /// <summary>The header name.</summary>
    public const string Header = "X-Correlation-Id";

    private static readonly object ItemKey = new();

    /// <summary>The current request's correlation id.</summary>
    public static string? Get(HttpContext context) => context.Items.TryGetValue(ItemKey, out var v) ? v as string : null;

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = IsValid(incoming) ? incoming : Guid.CreateVersion7().ToString("N");
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    internal static bool IsValid(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
