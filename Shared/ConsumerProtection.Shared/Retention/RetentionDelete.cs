using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Shared.Retention;

/// <summary>
/// The DELETE of a record under retention, shared by every record type: 404 when there is no such record, 409 with
/// <c>reason</c> (active, retention, legal-hold) and <c>disposableOn</c> while it must be kept, else disposal and 204.
/// </summary>
public static class RetentionDelete
{
    /// <summary>Checks <paramref name="recordId"/> against the guard and disposes of it when allowed.</summary>
    /// <param name="source">The record type's source.</param>
    /// <param name="guard">The retention guard.</param>
    /// <param name="recordId">The record's id.</param>
    /// <param name="what">What the record is called in a 404, e.g. "complaint".</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> HandleAsync(
        IRetentionRecordSource source, RetentionGuard guard, string recordId, string what, CancellationToken ct)
    {
        if (await source.FindAsync(recordId, ct) is not { } state)
        {
            return Problems.NotFound(what);
        }

        var decision = await guard.CheckAsync(source.RecordType, state, ct);
        if (!decision.Allowed)
        {
            return Problems.Conflict(decision.Detail!, new Dictionary<string, object?>
            {
                ["reason"] = decision.Reason,
                ["disposableOn"] = decision.DisposableOn,
            });
        }

        await source.DisposeAsync(recordId, ct);
        return TypedResults.NoContent();
    }
}
