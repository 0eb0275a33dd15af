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

        if (jwt.MaxLifetime <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Auth:Jwt:MaxLifetime must be a positive time span, e.g. 12:00:00.");
        }

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

                if (LifetimeProblem(ctx.SecurityToken, jwt.MaxLifetime, ctx.HttpContext.RequestServices.GetRequiredService<TimeProvider>()) is { } lifetime)
                {
                    ctx.Fail(lifetime);
                    return Task.CompletedTask;
                }

                // A scope claim that is present must name a scope: an empty branch would file complaints for no branch.
                var branch = principal.FindFirstValue(jwt.BranchClaim);
                var department = principal.FindFirstValue(jwt.DepartmentClaim);
                if (branch is { } b && string.IsNullOrWhiteSpace(b) || department is { } d && string.IsNullOrWhiteSpace(d))
                {
                    ctx.Fail("The token's branch or department claim is empty.");
                    return Task.CompletedTask;
                }

                var roles = principal.FindAll(jwt.RoleClaim).SelectMany(c => Roles.FromClaimValue(c.Value)).ToHashSet();
                var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? subject;
                var caller = new Caller("jwt:" + subject, name, roles, branch) { DepartmentId = department };
                ctx.Principal = caller.ToPrincipal(JwtBearerDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            },
        };
    }

    // The token library checks exp against the clock; this bounds how far ahead exp may lie.
    private static string? LifetimeProblem(SecurityToken token, TimeSpan max, TimeProvider time)
    {
        var expires = new DateTimeOffset(DateTime.SpecifyKind(token.ValidTo, DateTimeKind.Utc));
        var now = time.GetUtcNow();
        var skew = TimeSpan.FromMinutes(1);
        if (expires - now > max + skew)
        {
            return $"The token is valid for longer than Auth:Jwt:MaxLifetime ({max}).";
        }

        return token.ValidFrom > DateTime.MinValue && expires - new DateTimeOffset(DateTime.SpecifyKind(token.ValidFrom, DateTimeKind.Utc)) > max + skew
            ? $"The token's lifetime exceeds Auth:Jwt:MaxLifetime ({max})."
            : null;
    }
}
