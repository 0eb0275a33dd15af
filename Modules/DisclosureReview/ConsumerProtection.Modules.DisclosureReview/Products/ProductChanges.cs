using System.Data.Common;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>
/// One way to change a product: If-Match required (428) and current (412), scope (404), lifecycle (409 with
/// allowedActions), then the change, the row and its audit row in one transaction, and the new ETag.
/// </summary>
internal sealed class ProductChanges(ProductStore store, IAuditWriter audit, TimeProvider time)
{
    /// <summary>What a change sees inside its transaction.</summary>
    internal sealed record Context(Caller Caller, DateTimeOffset Now, DbConnection Connection, DbTransaction Transaction);

    /// <summary>The result of a change: a 400, a refusal, or the product after it.</summary>
    internal sealed record Outcome(ValidationProblem? Invalid, ProblemHttpResult? Refused, ProductView? View);

    /// <summary>Applies <paramref name="mutate"/> (null: go on; a problem: refuse, nothing written).</summary>
    public async Task<Results<Ok<ProductView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string code, HttpContext http, ProductAction action, Validation body, Func<ProductRow, Context, Task<ProblemHttpResult?>> mutate, CancellationToken ct)
    {
        var outcome = await TryApplyAsync(code, http, action, body, mutate, ct);
        return outcome.Invalid is { } invalid ? invalid : outcome.Refused is { } refused ? refused : TypedResults.Ok(outcome.View!);
    }

    /// <summary>Like <see cref="ApplyAsync"/>, for callers that answer with something else than the product.</summary>
    public async Task<Outcome> TryApplyAsync(
        string code, HttpContext http, ProductAction action, Validation body, Func<ProductRow, Context, Task<ProblemHttpResult?>> mutate, CancellationToken ct)
    {
        if (!body.IsValid)
        {
            return new(body.ToProblem(), null, null);
        }

        if (PreconditionRequired(http) is { } required)
        {
            return new(null, required, null);
        }

        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        try
        {
            return await InTransactionAsync(code, http, action, mutate, caller, now, ct);
        }
        catch (RefusedChange refused)
        {
            return Refuse(refused.Problem);
        }
    }

    private Task<Outcome> InTransactionAsync(
        string code, HttpContext http, ProductAction action, Func<ProductRow, Context, Task<ProblemHttpResult?>> mutate, Caller caller, DateTimeOffset now,
        CancellationToken ct) =>
        store.Db.InTransactionAsync(async (c, tx) =>
        {
            var row = await ProductStore.ByCodeAsync(c, tx, code, ct);
            if (row is null || !ProductScope.CanSee(caller, row))
            {
                return Refuse(Problems.NotFound("product"));
            }

            if (!ETags.Matches(http.Request, row.Version))
            {
                return Refuse(Problems.PreconditionFailed(ETags.For(row.Version)));
            }

            var status = row.StatusValue;
            if (!ProductLifecycle.Allows(status, action))
            {
                return Refuse(NotAllowed(status, action));
            }

            var before = ProductView.From(row);
            // A refusal after mutate may follow writes of its own: throwing leaves the transaction uncommitted.
            if (await mutate(row, new Context(caller, now, c, tx)) is { } refused)
            {
                throw new RefusedChange(refused);
            }

            var expected = row.Version;
            if (!await SaveAsync(c, tx, row, before, "product." + Kebab(action.ToString()), now, ct))
            {
                throw new RefusedChange(Problems.PreconditionFailed(ETags.For(expected + 1)));
            }

            http.Response.Headers.ETag = ETags.For(row.Version);
            return new Outcome(null, null, ProductView.From(row));
        }, ct);

    /// <summary>Writes the next version of <paramref name="row"/> and its audit row; false when another change came first.</summary>
    public async Task<bool> SaveAsync(DbConnection c, DbTransaction tx, ProductRow row, ProductView before, string auditAction, DateTimeOffset now, CancellationToken ct)
    {
        var expected = row.Version;
        row.Version = expected + 1;
        row.UpdatedAt = now;
        if (!await ProductStore.UpdateAsync(c, tx, row, expected, ct))
        {
            return false;
        }

        await audit.AppendAsync(store.Db, c, tx, new AuditEntry(auditAction, "product", row.Id.ToString(), before, ProductView.From(row)), ct);
        return true;
    }

    private static Outcome Refuse(ProblemHttpResult problem) => new(null, problem, null);

    /// <summary>428 when the request names no version (a state change must say which one it was decided on).</summary>
    public static ProblemHttpResult? PreconditionRequired(HttpContext http) =>
        http.Request.Headers.IfMatch.Count == 0
            ? Problems.PreconditionRequired("product")
            : null;

    public static ProblemHttpResult NotAllowed(ProductStatus status, ProductAction action) =>
        Problems.Conflict($"A product in state {status} cannot take action {action}.", new Dictionary<string, object?>
        {
            ["currentStatus"] = status.ToString(),
            ["allowedActions"] = ProductLifecycle.AllowedActions(status).Select(a => a.ToString()).ToList(),
        });

    public static string Kebab(string name) =>
        string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
