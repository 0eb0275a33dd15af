using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Handling;

/// <summary>A state change: checks body, scope, If-Match, state and role, then writes row and audit in one transaction.</summary>
internal sealed class Transitions(
    ComplaintStore store, IAuditWriter audit, IWorkingCalendar calendar, IOptions<ComplaintsOptions> options, TimeProvider time,
    IEnumerable<ITransitionHook> hooks)
{
    private readonly ITransitionHook[] _hooks = [.. hooks];

    /// <summary>What a change sees: the caller, the clock, the calendar and the policy.</summary>
    public sealed record Context(Caller Caller, DateTimeOffset Now, CalendarRules Rules, ComplaintsOptions Options);

    /// <summary>Applies <paramref name="mutate"/>, which returns null on success or why it refused (409 or 403).</summary>
    public async Task<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, HttpContext http, ComplaintAction action, Validation bodyValidation, Func<ComplaintRow, Context, Refusal?> mutate, CancellationToken ct)
    {
        if (!bodyValidation.IsValid)
        {
            return bodyValidation.ToProblem();
        }

        if (http.Request.Headers.IfMatch.Count == 0)
        {
            return Problems.PreconditionRequired("complaint");
        }

        var ctx = new Context(Caller.From(http.User)!, time.GetUtcNow(), await calendar.GetAsync(ct), options.Value);
        return await store.Db.InTransactionAsync<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            var row = await ComplaintStore.GetAsync(c, tx, id, ct);
            if (row is null || !ComplaintScope.CanSee(ctx.Caller, row))
            {
                return Problems.NotFound("complaint");
            }

            var etag = ComplaintView.ETag(row.Version);
            if (!ETags.Matches(http.Request, row.Version))
            {
                return Problems.PreconditionFailed(etag);
            }

            var status = row.StatusValue;
            if (!Lifecycle.Allows(status, action))
            {
                return Problems.Conflict($"A complaint in state {status} cannot take action {action}.", new Dictionary<string, object?>
                {
                    ["currentStatus"] = status.ToString(),
                    ["allowedActions"] = Lifecycle.AllowedActions(status).Select(a => a.ToString()).ToList(),
                });
            }

            var before = AuditSnapshot.Of(row);
            if (mutate(row, ctx) is { } refusal)
            {
                return refusal.ToProblem(status.ToString());
            }

            var expected = row.Version;
            row.Status = Lifecycle.Next(status, action).ToString();
            row.Version = expected + 1;
            row.UpdatedAt = ctx.Now;
            if (!await ComplaintStore.UpdateAsync(c, tx, row, expected, ct))
            {
                return Problems.PreconditionFailed(ComplaintView.ETag(expected + 1));
            }

            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaint." + Lifecycle.Kebab(action.ToString()), "complaint", row.Id.ToString(), before, AuditSnapshot.Of(row)), ct);
            foreach (var hook in _hooks)
            {
                await hook.OnAppliedAsync(c, tx, action, row, ctx, ct);
            }

            Shared.Operations.OfficeMetrics.ComplaintClosedOnCommit(tx, action == ComplaintAction.Close, row.IntakeChannel);

            var repeatVisible = await ComplaintScope.RepeatVisibleAsync(ctx.Caller, row, earlier => ComplaintStore.GetAsync(c, tx, earlier, ct));
            http.Response.Headers.ETag = ComplaintView.ETag(row.Version);
            return TypedResults.Ok(ComplaintView.From(row, store.Consumers, repeatVisible));
        }, ct);
    }
}
