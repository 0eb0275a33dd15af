using System.Data.Common;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>
/// One way to change a review, like complaints' transitions: If-Match required (428) and current (412), scope (404),
/// lifecycle (409 with allowedActions), the change and its audit row in one transaction, the new ETag.
/// </summary>
internal sealed class ReviewChanges(ProductStore products, ReviewReader reader, IAuditWriter audit, IWorkingCalendar calendar, TimeProvider time)
{
    internal sealed record Context(Caller Caller, DateTimeOffset Now, CalendarRules Calendar, ProductRow Product, DbConnection Connection, DbTransaction Transaction);

    public async Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, HttpContext http, ReviewAction action, Validation body, Func<ReviewRow, Context, Task<ProblemHttpResult?>> mutate, CancellationToken ct)
    {
        if (!body.IsValid)
        {
            return body.ToProblem();
        }

        if (ProductChanges.PreconditionRequired(http) is { } required)
        {
            return required;
        }

        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var rules = await calendar.GetAsync(ct);
        try
        {
            return await InTransactionAsync(id, http, action, mutate, caller, now, rules, ct);
        }
        catch (RefusedChange refused)
        {
            return refused.Problem;
        }
    }

    private Task<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>> InTransactionAsync(
        Guid id, HttpContext http, ReviewAction action, Func<ReviewRow, Context, Task<ProblemHttpResult?>> mutate, Caller caller, DateTimeOffset now,
        CalendarRules rules, CancellationToken ct) =>
        products.Db.InTransactionAsync<Results<Ok<ReviewView>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            var row = await ReviewStore.ByIdAsync(c, tx, id, ct);
            var product = row is null ? null : await ProductStore.ByIdAsync(c, tx, row.ProductId, ct);
            if (row is null || product is null || !ProductScope.CanSee(caller, product))
            {
                return Problems.NotFound("review");
            }

            if (!ETags.Matches(http.Request, row.Version))
            {
                return Problems.PreconditionFailed(ETags.For(row.Version));
            }

            var status = row.StatusValue;
            if (!ReviewLifecycle.Allows(status, action))
            {
                return Problems.Conflict($"A review in state {status} cannot take action {action}.", new Dictionary<string, object?>
                {
                    ["currentStatus"] = status.ToString(),
                    ["allowedActions"] = ReviewLifecycle.AllowedActions(status).Select(a => a.ToString()).ToList(),
                });
            }

            var before = Snapshot(row);
            // A refusal after mutate may follow writes of its own: throwing leaves the transaction uncommitted.
            if (await mutate(row, new Context(caller, now, rules, product, c, tx)) is { } refused)
            {
                throw new RefusedChange(refused);
            }

            var expected = row.Version;
            row.Version = expected + 1;
            if (!await ReviewStore.UpdateAsync(c, tx, row, expected, ct))
            {
                throw new RefusedChange(Problems.PreconditionFailed(ETags.For(expected + 1)));
            }

            await audit.AppendAsync(products.Db, c, tx, new AuditEntry("review." + ProductChanges.Kebab(action.ToString()), "review", row.Id.ToString(), before, Snapshot(row)), ct);
            http.Response.Headers.ETag = ETags.For(row.Version);
            return TypedResults.Ok(await reader.ViewAsync(c, tx, row, product, ct));
        }, ct);

    // What the audit row keeps of a review: state, people and dates — never document text.
    public static object Snapshot(ReviewRow r) => new
    {
        r.Status, r.Version, r.Round, r.ReviewerId, r.DueAt, r.DecidedAt, r.DecidedBy, r.DecisionReason, r.VoidedAt,
    };
}
