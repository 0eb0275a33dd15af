namespace ConsumerProtection.Shared.Security;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>Auth:BootstrapAdminKey</c>: an operator-supplied Admin key (from a secret store, never the repo).
    /// When set, no key file is generated and a previously generated bootstrap key is revoked.</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary><c>Auth:ApiKeyCacheSeconds</c>: how long a verified key is trusted before it is re-read (revocation delay across hosts).</summary>
    public int ApiKeyCacheSeconds { get; set; } = 30;

    /// <summary><c>Auth:Jwt</c>: the bank identity provider.</summary>
    public JwtOptions Jwt { get; set; } = new();
}

/// <summary>Configuration section <c>Auth:Jwt</c>.</summary>
public sealed class JwtOptions
{
    /// <summary>OpenID Connect authority (metadata discovery). Either this or <see cref="SigningKey"/>.</summary>
    public string? Authority { get; set; }

    /// <summary>Expected issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected audience.</summary>
    public string? Audience { get; set; }

    /// <summary>Symmetric signing key (at least 32 bytes of text), for identity providers that share a key.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim that carries role names (default <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim that carries the branch scope (default <c>branch</c>).</summary>
    public string BranchClaim { get; set; } = "branch";

    /// <summary>The claim that carries the department (default <c>department</c>).</summary>
    public string DepartmentClaim { get; set; } = "department";

    /// <summary>
    /// <c>Auth:Jwt:MaxLifetime</c>: the longest validity a token may have (default 12 h). A token whose expiry lies
    /// further ahead than this (from its issue time, or from now) is refused, so a leaked long-lived token is useless.
    /// </summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>True when JWT bearer authentication is configured.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
