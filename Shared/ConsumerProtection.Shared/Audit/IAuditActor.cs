using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Http;

namespace ConsumerProtection.Shared.Audit;

/// <summary>Who an audit row names as actor, and under which correlation id.</summary>
public interface IAuditActor
{
    /// <summary>The acting caller (a system identity outside a request).</summary>
    Caller Current { get; }

    /// <summary>The request's correlation id, if any.</summary>
    string? CorrelationId { get; }
}

internal sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private static readonly Caller Background = Caller.System("background");

    public Caller Current =>
        accessor.HttpContext is { } http ? Caller.From(http.User) ?? Caller.System("anonymous") : Background;

    public string? CorrelationId => accessor.HttpContext is { } http ? CorrelationIdMiddleware.Get(http) : null;
}
