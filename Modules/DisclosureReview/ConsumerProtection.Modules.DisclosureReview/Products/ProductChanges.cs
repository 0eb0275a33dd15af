using System.Data.Common;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>
/// One way to change a product, the shared guarded change: If-Match required (428) and current (412), scope (404),
/// lifecycle (409 with allowedActions), then the change, the row and its audit row in one transaction, and the new ETag.
/// </summary>
internal sealed class ProductChanges(ProductStore store, IAuditWriter audit, TimeProvider time)
{
    /// <summary>What a change sees inside its transaction.</summary>
    internal sealed record Context(Caller Caller, DateTimeOffset Now, DbConnection Connection, DbTransaction Transaction);

    /// <summary>The result of a change: a 400, a refusal, or the product after it.</summary>
    internal sealed record Outcome(ValidationProblem? Invalid, ProblemHttpResult? Refused, ProductView? View);

    /// <summary>Applies <paramref name="mutate"/> (null: go on; a problem: refuse, nothing written) as a shared guarded change.</summary>
    public Task<Results<Ok<ProductView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        string code, HttpContext http, ProductAction action, Validation body, Func<ProductRow, Context, Task<ProblemHttpResult?>> mutate, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var guard = new Guard<ProductRow>("product",
            async (c, tx) => await ProductStore.ByCodeAsync(c, tx, code, ct) is { } found && ProductScope.CanSee(caller, found) ? found : null,
            row => row.Version, row => ProductLifecycle.Machine.Check(row.StatusValue, action));
        return GuardedChange.RunAsync(http, store.Db, body, guard, async (c, tx, row) =>
        {
            var before = ProductView.From(row);
            // A refusal after mutate may follow writes of its own: refusing leaves the transaction uncommitted.
            if (await mutate(row, new Context(caller, now, c, tx)) is { } refused)
            {
                throw GuardedChange.Refuse(refused);
            }

            var expected = row.Version;
            if (!await SaveAsync(c, tx, row, before, "product." + Kebab(action.ToString()), now, ct))
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(expected));
            }

            return new Applied<Ok<ProductView>>(TypedResults.Ok(ProductView.From(row)), row.Version);
        }, ct);
    }

    /// <summary>Like <see cref="ApplyAsync"/>, for callers that answer with something else than the product.</summary>
    public async Task<Outcome> TryApplyAsync(
        string code, HttpContext http, ProductAction action, Validation body, Func<ProductRow, Context, Task<ProblemHttpResult?>> mutate, CancellationToken ct) =>
        (await ApplyAsync(code, http, action, body, mutate, ct)).Result switch
        {
            ValidationProblem invalid => new(invalid, null, null),
            ProblemHttpResult refused => new(null, refused, null),
            Ok<ProductView> ok => new(null, null, ok.Value),
            var other => throw new InvalidOperationException($"Unexpected result {other.GetType().Name}."),
        };

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

    public static string Kebab(string name) =>
        string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
