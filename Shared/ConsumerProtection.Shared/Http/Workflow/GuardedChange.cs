using System.Data.Common;
using ConsumerProtection.Shared.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Shared.Http.Workflow;

/// <summary>
/// The If-Match checks of a state change, each answering the shared problem: <c>If-Match</c> missing → 428, naming a
/// version other than the current one (stale, malformed or <c>*</c>) → 412 with <c>currentETag</c>, overtaken by a
/// concurrent change between read and write → 412 naming the version that change made.
/// </summary>
public static class IfMatch
{
    /// <summary>428 when the request sends no <c>If-Match</c>; <paramref name="what"/> names the record to read ("complaint").</summary>
    public static ProblemHttpResult? Missing(HttpRequest request, string what) =>
        request.Headers.IfMatch.Count == 0 ? Problems.PreconditionRequired(what) : null;

    /// <summary>412 when <c>If-Match</c> does not name <paramref name="version"/>.</summary>
    public static ProblemHttpResult? Stale(HttpRequest request, long version) =>
        ETags.Matches(request, version) ? null : Problems.PreconditionFailed(ETags.For(version));

    /// <summary>412 when the guarded write found the row no longer at <paramref name="readVersion"/>.</summary>
    public static ProblemHttpResult Overtaken(long readVersion) => Problems.PreconditionFailed(ETags.For(readVersion + 1));

    /// <summary>Puts the record's new ETag on the answer.</summary>
    public static void Answer(HttpResponse response, long version) => response.Headers.ETag = ETags.For(version);
}

/// <summary>Thrown inside a guarded change to refuse it: the transaction is left uncommitted and the problem answered.</summary>
public sealed class ChangeRefusedException(ProblemHttpResult problem) : Exception(problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title)
{
    public ProblemHttpResult Problem { get; } = problem;
}

/// <summary>What a guarded change answers when it is applied: the result and the version for the ETag (null: no ETag, e.g. a 204).</summary>
public readonly record struct Applied<TOk>(TOk Result, long? Version);

/// <summary>How a guarded change finds its record and reads its version and state.</summary>
/// <param name="What">The record's name for 428 and 404 ("complaint").</param>
/// <param name="Load">Reads the record in the change's transaction; null when it does not exist or is outside the caller's scope (404).</param>
/// <param name="Version">The record's version (its ETag).</param>
/// <param name="State">The state check, usually <see cref="StateMachine{TState,TAction}.Check"/>; null when the record has no workflow.</param>
public sealed record Guard<TRow>(
    string What, Func<DbConnection, DbTransaction, Task<TRow?>> Load, Func<TRow, long> Version, Func<TRow, ProblemHttpResult?>? State = null)
    where TRow : class
{
    /// <summary>The record's name in the 404 when it differs from <see cref="What"/>.</summary>
    public string? NotFoundWhat { get; init; }

    /// <summary>
    /// Checks for a missing If-Match only after the record was found (404 first). The major-event register has answered
    /// in this order since it was built; every other workflow answers 428 before reading.
    /// </summary>
    public bool IfMatchAfterLoad { get; init; }
}

/// <summary>
/// One guarded change, in the order every workflow answers: body (400) → If-Match present (428) → record in scope
/// (404) → If-Match current (412) → state allows the action (409 with <c>allowedActions</c>) → the change, which may
/// refuse with <see cref="Refuse"/> (anything it wrote is rolled back) → the new ETag on the answer. The change writes
/// its row (guarded by the version it read: <see cref="IfMatch.Overtaken"/> when that fails) and its audit row in the
/// one transaction.
/// </summary>
public static class GuardedChange
{
    public static async Task<Results<TOk, ValidationProblem, ProblemHttpResult>> RunAsync<TRow, TOk>(
        HttpContext http, IModuleDb db, Validation body, Guard<TRow> guard, Func<DbConnection, DbTransaction, TRow, Task<Applied<TOk>>> apply,
        CancellationToken ct)
        where TRow : class
        where TOk : IResult
    {
        if (!body.IsValid)
        {
            return body.ToProblem();
        }

        if (!guard.IfMatchAfterLoad && IfMatch.Missing(http.Request, guard.What) is { } required)
        {
            return required;
        }

        try
        {
            var applied = await db.InTransactionAsync(async (c, tx) =>
            {
                var row = await guard.Load(c, tx) ?? throw Refuse(Problems.NotFound(guard.NotFoundWhat ?? guard.What));
                if (guard.IfMatchAfterLoad && IfMatch.Missing(http.Request, guard.What) is { } missing)
                {
                    throw Refuse(missing);
                }

                if ((IfMatch.Stale(http.Request, guard.Version(row)) ?? guard.State?.Invoke(row)) is { } refused)
                {
                    throw Refuse(refused);
                }

                return await apply(c, tx, row);
            }, ct);
            if (applied.Version is { } version)
            {
                IfMatch.Answer(http.Response, version);
            }

            return applied.Result;
        }
        catch (ChangeRefusedException refused)
        {
            return refused.Problem;
        }
    }

    /// <summary>Refuses the change from inside it: <c>throw GuardedChange.Refuse(problem)</c>; nothing it wrote is kept.</summary>
    public static ChangeRefusedException Refuse(ProblemHttpResult problem) => new(problem);
}
