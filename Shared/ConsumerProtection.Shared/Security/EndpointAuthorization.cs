using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace ConsumerProtection.Shared.Security;

/// <summary>Role requirements on endpoints. Every endpoint but health and docs must carry one (a test enforces it).</summary>
public static class EndpointAuthorization
{
    /// <summary>Only callers holding one of <paramref name="roles"/> may call the endpoint.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params Role[] roles) where TBuilder : IEndpointConventionBuilder
    {
        if (roles.Length == 0)
        {
            throw new ArgumentException("Name at least one role.", nameof(roles));
        }

        return builder.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) });
    }
}
