using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.DisclosureReview.Clearance;

/// <summary>
/// The launch gate product systems call before going live (plan 6 art. 21): cleared or not, with every reason.
/// Cheap — one indexed read of the product while <see cref="ClearanceCache"/> holds its answer — and cacheable: the
/// ETag is a hash of the answer, so If-None-Match gets 304 until anything in it changes, an approval expiring included.
/// </summary>
internal static class ClearanceEndpoints
{
    public static readonly Role[] Callers = [Role.ComplianceOfficer, Role.Auditor, Role.SystemClient, Role.Admin, Role.ProductManager];

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/products/{code}/launch-clearance", GetAsync).RequireRoles(Callers)
            .WithName("GetDisclosureLaunchClearance").WithSummary("Is a product cleared for launch")
            .WithDescription("cleared true/false with every reason (missing-document, open-blocker, no-approval, approval-voided, approval-mismatch, approval-expired, retired). "
                + "ETag on the answer; If-None-Match with it gives 304 while nothing changed.")
            .Produces(StatusCodes.Status304NotModified);

    private static async Task<Results<Ok<ClearanceResult>, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        string code, HttpContext http, ProductStore store, LaunchClearance clearance, ClearanceCache cache, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var product = await store.ReadAsync(code, ct);
        if (product is null || !ProductScope.CanSee(caller, product))
        {
            return Problems.NotFound("product");
        }

        var entry = cache.Get(product, now) ?? await store.Db.ReadAsync(async c =>
        {
            var result = await clearance.EvaluateAsync(c, null, product, now, ct);
            return cache.Put(product, result, result.Approval?.ExpiresAt is { } expires && expires > now ? expires : null);
        }, ct);
        http.Response.Headers.ETag = entry.ETag;
        http.Response.Headers.CacheControl = "no-cache";
        return http.Request.Headers.IfNoneMatch.Any(h => (h ?? "").Split(',', StringSplitOptions.TrimEntries).Contains(entry.ETag))
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Ok(entry.Result);
    }
}
