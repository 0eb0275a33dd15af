using System.Security.Claims;
using System.Text;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// Two ways in: <c>X-Api-Key</c> for system clients and JWT bearer tokens from the bank's identity provider.
/// Both become the same <see cref="Caller"/> (id, roles, branch). Every endpoint requires a signed-in caller
/// unless it says AllowAnonymous (health and docs only).
/// </summary>
internal static class ApiSecurity
{
    public const string SelectorScheme = "ApiKeyOrBearer";

    public static IServiceCollection AddApiSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var jwt = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>()?.Jwt ?? new JwtOptions();
        var auth = services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "API key or bearer token", o => o.ForwardDefaultSelector = ctx =>
                jwt.Enabled && !ctx.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                            && ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        if (jwt.Enabled)
        {
            auth.AddJwtBearer(o => ConfigureJwt(o, jwt));
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    private static void ConfigureJwt(JwtBearerOptions o, JwtOptions jwt)
    {
        o.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(jwt.Authority))
        {
            o.Authority = jwt.Authority;
        }

        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = jwt.Issuer,
            ValidateAudience = true,
            ValidAudience = jwt.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            IssuerSigningKey = string.IsNullOrWhiteSpace(jwt.SigningKey) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(jwt.SigningKey)),
            NameClaimType = "name",
        };
        o.Events = new JwtBearerEvents
        {
            OnTokenValidated = ctx =>
            {
                // Map the identity provider's claims onto the same caller model API keys use.
                var principal = ctx.Principal!;
                var subject = principal.FindFirstValue("sub");
                if (subject is null)
                {
                    ctx.Fail("The token has no subject.");
                    return Task.CompletedTask;
                }

                var roles = principal.FindAll(jwt.RoleClaim)
                    .Select(c => Roles.TryParse(c.Value, out var r) ? r : (Role?)null)
                    .OfType<Role>().ToHashSet();
                var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? subject;
                var caller = new Caller("jwt:" + subject, name, roles, principal.FindFirstValue(jwt.BranchClaim))
                {
                    DepartmentId = principal.FindFirstValue(jwt.DepartmentClaim),
                };
                ctx.Principal = caller.ToPrincipal(JwtBearerDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            },
        };
    }
}
