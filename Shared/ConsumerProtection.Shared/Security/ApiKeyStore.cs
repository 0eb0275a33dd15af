using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Kernel;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Security;

/// <summary>A stored API key: never the secret, only its SHA-256.</summary>
public sealed record ApiKeyRecord
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string KeyHash { get; init; } = "";
    public string KeyPrefix { get; init; } = "";
    public string Roles { get; init; } = "";
    public string? BranchId { get; init; }
    public string? DepartmentId { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevokedBy { get; init; }

    /// <summary>The granted roles.</summary>
    public IReadOnlyList<Role> RoleList =>
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => Http.StrictEnum.FromStored<Role>(r, "roles")).ToList();

    /// <summary>True when the key may authenticate at <paramref name="now"/>.</summary>
    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}

/// <summary>
/// API keys in the kernel schema. Keys are 256-bit random secrets, so a plain SHA-256 is a safe verifier
/// (no password stretching needed); lookups go by hash and are cached for <c>Auth:ApiKeyCacheSeconds</c>.
/// </summary>
public sealed class ApiKeyStore(
    [FromKeyedServices(KernelModule.SchemaName)] IModuleDb db, IAuditWriter audit, TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>Every key starts with this, so leaked keys are easy to scan for.</summary>
    public const string KeyPrefix = "cpk_";

    private const string Columns = """
        id AS Id, name AS Name, key_hash AS KeyHash, key_prefix AS KeyPrefix, roles AS Roles, branch_id AS BranchId, department_id AS DepartmentId,
        expires_at AS ExpiresAt, created_at AS CreatedAt, created_by AS CreatedBy, revoked_at AS RevokedAt, revoked_by AS RevokedBy
        """;

    private const string Insert = """
        INSERT INTO [kernel].[api_key] (id, name, key_hash, key_prefix, roles, branch_id, department_id, expires_at, created_at, created_by)
        VALUES (@Id, @Name, @KeyHash, @KeyPrefix, @Roles, @BranchId, @DepartmentId, @ExpiresAt, @CreatedAt, @CreatedBy)
        """;

    private const string ByHash = $"""
        SELECT {Columns} FROM [kernel].[api_key] WHERE key_hash = @Hash
        """;

    private const string ById = $"""
        SELECT {Columns} FROM [kernel].[api_key] WHERE id = @Id
        """;

    private const string Page = $"""
        SELECT {Columns} FROM [kernel].[api_key]
        WHERE (@IncludeRevoked = 1 OR revoked_at IS NULL)
        ORDER BY created_at, id
        """;

    private const string Count = """
        SELECT COUNT(*) FROM [kernel].[api_key] WHERE (@IncludeRevoked = 1 OR revoked_at IS NULL)
        """;

    private const string Revoke = """
        UPDATE [kernel].[api_key] SET revoked_at = @Now, revoked_by = @By WHERE id = @Id AND revoked_at IS NULL
        """;

    private readonly ConcurrentDictionary<string, (ApiKeyRecord? Record, long At)> _cache = new(StringComparer.Ordinal);

    /// <summary>Generates a new random key.</summary>
    public static string NewSecret() =>
        KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored verifier of a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Creates a key; returns the record and the secret, which is shown once and never stored.</summary>
    public async Task<(ApiKeyRecord Record, string Secret)> CreateAsync(
        string name, IReadOnlyCollection<Role> roles, string? branchId, DateTimeOffset? expiresAt, string createdBy, CancellationToken ct,
        string? secret = null, Caller? actor = null, string? departmentId = null)
    {
        // In-process callers too: a value that is not exactly one role (a combined or undefined number) is never stored.
        if (roles.Count == 0 || roles.Any(r => !Http.StrictEnum.IsDefined(r)))
        {
            throw new ArgumentException("Every role must be exactly one defined role.", nameof(roles));
        }

        secret ??= NewSecret();
        var record = new ApiKeyRecord
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            KeyHash = Hash(secret),
            KeyPrefix = secret[..Math.Min(secret.Length, 10)],
            Roles = string.Join(',', roles.Distinct().Order().Select(Http.StrictEnum.Name)),
            BranchId = branchId,
            DepartmentId = departmentId,
            ExpiresAt = expiresAt,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = createdBy,
        };
        await db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(Insert, record, tx, cancellationToken: ct));
            var entry = new AuditEntry("api-key.created", "api-key", record.Id.ToString(), null, Snapshot(record));
            await (actor is null ? audit.AppendAsync(db, c, tx, entry, ct) : audit.AppendAsync(db, c, tx, entry, actor, ct));
            return 0;
        }, ct);
        return (record, secret);
    }

    /// <summary>Finds a usable key by its secret (cached); null when unknown, revoked or expired.</summary>
    public async ValueTask<ApiKeyRecord?> AuthenticateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(KeyPrefix, StringComparison.Ordinal) || secret.Length > 200)
        {
            return null;
        }

        var hash = Hash(secret);
        var now = time.GetTimestamp();
        if (!_cache.TryGetValue(hash, out var entry) || time.GetElapsedTime(entry.At, now).TotalSeconds >= options.Value.ApiKeyCacheSeconds)
        {
            var record = await db.ReadAsync(c => c.QuerySingleOrDefaultAsync<ApiKeyRecord>(
                new CommandDefinition(ByHash, new { Hash = hash }, cancellationToken: ct)), ct);
            // Unknown keys are not cached: the cache would otherwise grow with every guess.
            if (record is null)
            {
                return null;
            }

            entry = (record, now);
            _cache[hash] = entry;
        }

        return entry.Record is { } r && r.IsUsable(time.GetUtcNow()) ? r : null;
    }

    /// <summary>One key by id.</summary>
    public Task<ApiKeyRecord?> GetAsync(Guid id, CancellationToken ct) =>
        db.ReadAsync(c => c.QuerySingleOrDefaultAsync<ApiKeyRecord>(new CommandDefinition(ById, new { Id = id }, cancellationToken: ct)), ct);

    /// <summary>A page of keys, oldest first.</summary>
    public Task<(IReadOnlyList<ApiKeyRecord> Items, long Total)> ListAsync(bool includeRevoked, int offset, int limit, CancellationToken ct) =>
        db.ReadAsync(async c =>
        {
            var args = new { IncludeRevoked = includeRevoked ? 1 : 0, Offset = offset, Limit = limit };
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(Count, args, cancellationToken: ct));
            var items = await c.QueryAsync<ApiKeyRecord>(new CommandDefinition(Page + " " + db.Dialect.Page, args, cancellationToken: ct));
            return ((IReadOnlyList<ApiKeyRecord>)items.AsList(), total);
        }, ct);

    /// <summary>Revokes a key; false when it was already revoked. Takes effect at once on this host, within the cache time elsewhere.</summary>
    public async Task<bool> RevokeAsync(Guid id, string by, CancellationToken ct, Caller? actor = null)
    {
        var now = time.GetUtcNow();
        var revoked = await db.InTransactionAsync(async (c, tx) =>
        {
            var affected = await c.ExecuteAsync(new CommandDefinition(Revoke, new { Id = id, Now = now, By = by }, tx, cancellationToken: ct));
            if (affected == 1)
            {
                var entry = new AuditEntry("api-key.revoked", "api-key", id.ToString(), new { Revoked = false }, new { Revoked = true, RevokedAt = now });
                await (actor is null ? audit.AppendAsync(db, c, tx, entry, ct) : audit.AppendAsync(db, c, tx, entry, actor, ct));
            }

            return affected == 1;
        }, ct);
        _cache.Clear();
        return revoked;
    }

    /// <summary>Forgets cached keys (after a change made elsewhere).</summary>
    public void ClearCache() => _cache.Clear();

    internal static object Snapshot(ApiKeyRecord r) => new { r.Name, r.KeyPrefix, r.Roles, r.BranchId, r.DepartmentId, r.ExpiresAt, r.RevokedAt };
}
