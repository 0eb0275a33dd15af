using ConsumerProtection.Modules.DisclosureReview.Clearance;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

internal static partial class ProductsEndpoints
{
    // Recorded by the bank's product system (plan 6 art. 21: nothing is sold before the review clears it).
    private static void MapLifecycle(RouteGroupBuilder group)
    {
        group.MapPost("/products/{code}/launch", LaunchAsync)
            .RequireRoles(ProductSystems).WithName("LaunchDisclosureProduct").WithSummary("Record a product's launch")
            .WithDescription("The product system records the launch. Requires If-Match; 409 with every reason when launch clearance is not cleared (the report is audited and raised into the major-event register), or with allowedActions outside Approved/Suspended.");
        MapSimple(group, "suspend", ProductAction.Suspend, "SuspendDisclosureProduct", "Record a product's suspension");
        MapSimple(group, "retire", ProductAction.Retire, "RetireDisclosureProduct", "Record a product's retirement");
    }

    private static async Task<Results<Ok<ProductView>, ValidationProblem, ProblemHttpResult>> LaunchAsync(
        string code, HttpContext h, ProductChanges changes, LaunchClearance clearance, UnclearedLaunches uncleared, CancellationToken ct)
    {
        UnclearedLaunches.Refused? refused = null;
        var result = await changes.ApplyAsync(code, h, ProductAction.Launch, new Validation(), async (row, x) =>
        {
            var gate = await clearance.EvaluateAsync(x.Connection, x.Transaction, row, x.Now, ct);
            if (!gate.Cleared)
            {
                refused = new(row.Id, row.Code, row.Version, gate.Reasons.Select(r => r.Code).Distinct().ToList());
                return Problems.Conflict("The product is not cleared for launch.", new Dictionary<string, object?>
                {
                    ["currentStatus"] = row.Status,
                    ["reasons"] = gate.Reasons,
                });
            }

            refused = null;
            row.Status = nameof(ProductStatus.Launched);
            row.LaunchedAt ??= x.Now;
            return null;
        }, ct);

        // The refused change stored nothing; the report of an uncleared launch is recorded on its own (plan 6 arts. 21, 41).
        if (refused is not null)
        {
            await uncleared.RaiseAsync(refused, ct);
        }

        return result;
    }

    private static void MapSimple(RouteGroupBuilder group, string verb, ProductAction action, string name, string summary) =>
        group.MapPost("/products/{code}/" + verb, (string code, HttpContext h, ProductChanges changes, CancellationToken ct) =>
                changes.ApplyAsync(code, h, action, new Validation(), (row, x) =>
                {
                    row.Status = ProductLifecycle.After(action).ToString();
                    if (action == ProductAction.Retire)
                    {
                        // Retention of the product's documents and decisions starts here (plan 6 art. 34).
                        row.RetiredAt = x.Now;
                    }

                    return Task.FromResult<ProblemHttpResult?>(null);
                }, ct))
            .RequireRoles(ProductSystems).WithName(name).WithSummary(summary)
            .WithDescription("Recorded by the product system. Requires If-Match (428 without, 412 stale); 409 with allowedActions when the state does not allow it.");
}
