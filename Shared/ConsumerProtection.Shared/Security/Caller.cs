using System.Security.Claims;

namespace ConsumerProtection.Shared.Security;

/// <summary>Who is calling: identity, roles and branch scope, taken from the authenticated principal.</summary>
public sealed record Caller(string Id, string Name, IReadOnlySet<Role> Roles, string? BranchId)
{
    /// <summary>Claim type holding the department scope.</summary>
    public const string DepartmentClaim = "cp:department";

    /// <summary>The caller's department (e.g. the complaint-handling team), if any.</summary>
    public string? DepartmentId { get; init; }

    /// <summary>Claim type holding the stable caller id ("key:{id}" or "jwt:{subject}").</summary>
    public const string IdClaim = "cp:caller";

    /// <summary>Claim type holding the branch scope.</summary>
    public const string BranchClaim = "cp:branch";

    /// <summary>The identity background jobs act as.</summary>
    public static Caller System(string job) => new("system:" + job, job, new HashSet<Role>(), null);

    /// <summary>True when the caller holds <paramref name="role"/>.</summary>
    public bool Has(Role role) => Roles.Contains(role);

    /// <summary>Reads the caller from an authenticated principal; null when anonymous.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        var id = user.FindFirstValue(IdClaim);
        if (id is null || user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var roles = new HashSet<Role>();
        foreach (var claim in user.FindAll(ClaimTypes.Role))
        {
            if (Security.Roles.TryParse(claim.Value, out var role))
            {
                roles.Add(role);
            }
        }

        return new Caller(id, user.FindFirstValue(ClaimTypes.Name) ?? id, roles, user.FindFirstValue(BranchClaim))
        {
            DepartmentId = user.FindFirstValue(DepartmentClaim),
        };
    }

    /// <summary>Builds the claims identity for this caller under <paramref name="scheme"/>.</summary>
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim> { new(IdClaim, Id), new(ClaimTypes.Name, Name) };
        claims.AddRange(Roles.Select(r => new Claim(ClaimTypes.Role, r.ToString())));
        if (BranchId is not null)
        {
            claims.Add(new Claim(BranchClaim, BranchId));
        }

        if (DepartmentId is not null)
        {
            claims.Add(new Claim(DepartmentClaim, DepartmentId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
