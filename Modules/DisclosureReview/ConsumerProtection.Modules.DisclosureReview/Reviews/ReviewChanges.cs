using System.Data.Common;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>
/// One way to change a review, the shared guarded change: If-Match required (428) and current (412), scope (404),
/// lifecycle (409 with allowedActions), the change and its audit row in one transaction, the new ETag.
/// </summary>
internal sealed class ReviewChanges(ProductStore products, ReviewReader reader, IAuditWriter audit, IWorkingCalendar calendar, TimeProvider time)
{
    internal sealed record Context(Caller Caller, DateTimeOffset Now, CalendarRules Calendar, ProductRow Product, DbConnection Connection, DbTransaction Transaction);

    public async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, HttpContext http, ReviewAction action, Validation body, Func<ReviewRow, Context, Task<ProblemHttpResult?>> mutate, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var rules = await calendar.GetAsync(ct);
        ProductRow? product = null;
        var guard = new Guard<ReviewRow>("review", async (c, tx) =>
            {
                var row = await ReviewStore.ByIdAsync(c, tx, id, ct);
                product = row is null ? null : await ProductStore.ByIdAsync(c, tx, row.ProductId, ct);
                return product is not null && ProductScope.CanSee(caller, product) ? row : null;
            },
            row => row.Version, row => ReviewLifecycle.Machine.Check(row.StatusValue, action));
        return await GuardedChange.RunAsync(http, products.Db, body, guard, async (c, tx, row) =>
        {
            var before = Snapshot(row);
            // A refusal after mutate may follow writes of its own: refusing leaves the transaction uncommitted.
            if (await mutate(row, new Context(caller, now, rules, product!, c, tx)) is { } refused)
            {
                throw GuardedChange.Refuse(refused);
            }

            var expected = row.Version;
            row.Version = expected + 1;
            if (!await ReviewStore.UpdateAsync(c, tx, row, expected, ct))
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(expected));
            }

            await audit.AppendAsync(products.Db, c, tx, new AuditEntry("review." + ProductChanges.Kebab(action.ToString()), "review", row.Id.ToString(), before, Snapshot(row)), ct);
            return new Applied<Ok<ReviewView>>(TypedResults.Ok(await reader.ViewAsync(c, tx, row, product!, ct)), row.Version);
        }, ct);
    }

    // What the audit row keeps of a review: state, people and dates — never document text.
    public static object Snapshot(ReviewRow r) => new
    {
        r.Status, r.Version, r.Round, r.ReviewerId, r.DueAt, r.DecidedAt, r.DecidedBy, r.DecisionReason, r.VoidedAt,
    };
}
