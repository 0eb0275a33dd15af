using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Security;

/// <summary>Authenticates system clients by the <c>X-Api-Key</c> header.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || values.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var record = await store.AuthenticateAsync(values.ToString(), Context.RequestAborted);
        if (record is null)
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired API key.");
        }

        IReadOnlyList<Role> roles;
        try
        {
            roles = record.RoleList;
        }
        catch (Http.StoredValueException)
        {
            // The key's roles were changed outside the API: it grants nothing until an Admin replaces it.
            return AuthenticateResult.Fail("The API key's stored roles are not valid.");
        }

        var caller = new Caller("key:" + record.Id, record.Name, roles.ToHashSet(), record.BranchId)
        {
            DepartmentId = record.DepartmentId,
        };
        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\", Bearer";
        return Task.CompletedTask;
    }
}
