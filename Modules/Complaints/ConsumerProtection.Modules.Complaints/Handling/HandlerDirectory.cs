using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Handling;

/// <summary>
/// Checks a handler at assignment (plan 6, handling responsibility): the id must name a caller that can sign in and
/// work the case. Caller ids are <c>key:&lt;api key id&gt;</c> (an API key from <c>POST /api/v1/admin/api-keys</c>),
/// <c>jwt:&lt;subject&gt;</c> (a token from the bank's identity provider) or <c>system:&lt;job&gt;</c> (never a handler).
/// </summary>
internal sealed class HandlerDirectory(ApiKeyStore keys, IOptions<AuthOptions> auth, TimeProvider time)
{
    private const string Forms = "a caller id is key:<API key id> or jwt:<identity-provider subject>";

    /// <summary>Adds an error on <c>handlerId</c> (or <c>departmentId</c>) when the handler cannot work the case.</summary>
    public async Task CheckAsync(Caller caller, string handlerId, string departmentId, Validation v, CancellationToken ct)
    {
        // Taking a case for oneself: the signed-in caller is known, active and may work cases (the endpoint's roles);
        // the department rule for handlers is the action's.
        if (handlerId == caller.Id)
        {
            return;
        }

        if (Guid.TryParse(handlerId, out var bare))
        {
            v.Add("handlerId", $"is a bare key id; {Forms} (did you mean key:{bare}?).");
            return;
        }

        if (handlerId.StartsWith("key:", StringComparison.Ordinal))
        {
            await CheckKeyAsync(handlerId[4..], departmentId, v, ct);
            return;
        }

        if (handlerId.StartsWith("jwt:", StringComparison.Ordinal) && handlerId.Length > 4)
        {
            // Token subjects live in the identity provider, which this host cannot list: accepted only when token
            // sign-in is configured; the roles are checked when that handler acts.
            v.Check(auth.Value.Jwt.Enabled, "handlerId", "names an identity-provider subject, but token sign-in (Auth:Jwt) is not configured.");
            return;
        }

        v.Add("handlerId", $"is not a caller id; {Forms}.");
    }

    private async Task CheckKeyAsync(string id, string departmentId, Validation v, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var keyId) || await keys.GetAsync(keyId, ct) is not { } key)
        {
            v.Add("handlerId", "names no API key.");
            return;
        }

        if (!key.IsUsable(time.GetUtcNow()))
        {
            v.Add("handlerId", "names a revoked or expired API key.");
            return;
        }

        var roles = key.RoleList;
        if (roles.Contains(Role.ComplaintSupervisor) || roles.Contains(Role.Admin))
        {
            return;
        }

        if (!roles.Contains(Role.ComplaintHandler))
        {
            v.Add("handlerId", "names a caller without a role that works complaints (ComplaintHandler, ComplaintSupervisor or Admin).");
            return;
        }

        // A handler's key bound to a department works that department's cases only.
        v.Check(key.DepartmentId is null || string.Equals(key.DepartmentId, departmentId, StringComparison.Ordinal),
            "departmentId", $"the handler belongs to department '{key.DepartmentId}'; assign within it or choose another handler.");
    }
}
