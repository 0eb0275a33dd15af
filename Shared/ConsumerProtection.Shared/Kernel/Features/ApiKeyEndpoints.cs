using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Shared.Kernel.Features;

/// <summary>
/// <c>/api/v1/admin/api-keys</c>: create (the secret is shown once), list (never the secret), revoke, and delete
/// (only after the retention period since revocation or expiry). Creation does not take <c>Idempotency-Key</c>:
/// replaying it would mean storing the secret.
/// </summary>
internal static class ApiKeyEndpoints
{
    public sealed record CreateRequest(string? Name, List<Role>? Roles, string? BranchId, DateTimeOffset? ExpiresAt, string? DepartmentId = null);

    public sealed record KeyView(
        Guid Id, string Name, string KeyPrefix, IReadOnlyList<Role> Roles, string? BranchId, string? DepartmentId, DateTimeOffset? ExpiresAt,
        DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy, string Status);

    public sealed record Created(KeyView Key, string Secret);

    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/api-keys").WithTags("Admin: API keys").RequireRoles(Role.Admin);
        group.MapPost("/", Create).WithName("CreateApiKey").WithSummary("Create an API key")
            .WithDescription("The secret is returned once, in this answer only; store it at once.");
        group.MapGet("/", List).WithName("ListApiKeys").WithSummary("List API keys");
        group.MapGet("/{id:guid}", Get).WithName("GetApiKey").WithSummary("Get an API key");
        group.MapPost("/{id:guid}/revoke", Revoke).WithName("RevokeApiKey").WithSummary("Revoke an API key");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteApiKey").WithSummary("Delete an API key");
    }

    internal static KeyView View(ApiKeyRecord r, DateTimeOffset now) => new(
        r.Id, r.Name, r.KeyPrefix, r.RoleList, r.BranchId, r.DepartmentId, r.ExpiresAt, r.CreatedAt, r.CreatedBy, r.RevokedAt, r.RevokedBy,
        r.RevokedAt is not null ? "revoked" : r.ExpiresAt <= now ? "expired" : "active");

    private static async Task<Results<Created<Created>, ValidationProblem>> Create(
        CreateRequest request, ApiKeyStore store, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation()
            .Text("name", request.Name, 100)
            .Check(request.Roles is { Count: > 0 }, "roles", "name at least one role.")
            .Check(request.BranchId is null || (request.BranchId.Length is > 0 and <= 50 && request.BranchId.All(char.IsAsciiLetterOrDigit)),
                "branchId", "must be 1 to 50 letters or digits.")
            .Check(request.DepartmentId is null || (request.DepartmentId.Length is > 0 and <= 50 && request.DepartmentId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')),
                "departmentId", "must be 1 to 50 letters, digits, '-' or '_'.")
            .Check(request.ExpiresAt is null || request.ExpiresAt > time.GetUtcNow(), "expiresAt", "must be in the future.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var (record, secret) = await store.CreateAsync(request.Name!.Trim(), request.Roles!, request.BranchId, request.ExpiresAt, caller.Id, ct, departmentId: request.DepartmentId);
        return TypedResults.Created($"/api/v1/admin/api-keys/{record.Id}", new Created(View(record, time.GetUtcNow()), secret));
    }

    private static async Task<Results<Ok<Page<KeyView>>, ValidationProblem>> List(
        ApiKeyStore store, TimeProvider time, CancellationToken ct, bool? includeRevoked, int? page, int? pageSize)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var (items, total) = await store.ListAsync(includeRevoked ?? true, paging.Offset, paging.PageSize, ct);
        var now = time.GetUtcNow();
        return TypedResults.Ok(paging.Of(items, r => View(r, now), r => r.Id.ToString(), total));
    }

    private static async Task<Results<Ok<KeyView>, ProblemHttpResult>> Get(Guid id, ApiKeyStore store, TimeProvider time, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } r ? TypedResults.Ok(View(r, time.GetUtcNow())) : Problems.NotFound("API key");

    private static async Task<Results<Ok<KeyView>, ProblemHttpResult>> Revoke(
        Guid id, ApiKeyStore store, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } existing)
        {
            return Problems.NotFound("API key");
        }

        if (existing.RevokedAt is not null)
        {
            return Problems.Conflict($"The key was already revoked at {existing.RevokedAt:O}.");
        }

        await store.RevokeAsync(id, Caller.From(http.User)!.Id, ct);
        return TypedResults.Ok(View((await store.GetAsync(id, ct))!, time.GetUtcNow()));
    }

    private static Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, ApiKeyRetentionSource source, RetentionGuard guard, CancellationToken ct) =>
        RetentionDelete.HandleAsync(source, guard, id.ToString(), "API key", ct);
}
