using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
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

    /// <summary>
    /// Applies <paramref name="mutate"/>, which returns null on success or why it refused (409 or 403), as a shared guarded
    /// change: 400, 428, 404 (outside the caller's scope too), 412, 409 with allowedActions, then row, audit and hooks.
    /// </summary>
    public async Task<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, HttpContext http, ComplaintAction action, Validation bodyValidation, Func<ComplaintRow, Context, Refusal?> mutate, CancellationToken ct)
    {
        var ctx = new Context(Caller.From(http.User)!, time.GetUtcNow(), await calendar.GetAsync(ct), options.Value);
        var guard = new Guard<ComplaintRow>("complaint",
            async (c, tx) => await ComplaintStore.GetAsync(c, tx, id, ct) is { } found && ComplaintScope.CanSee(ctx.Caller, found) ? found : null,
            row => row.Version, row => Lifecycle.Machine.Check(row.StatusValue, action));
        return await GuardedChange.RunAsync(http, store.Db, bodyValidation, guard, async (c, tx, row) =>
        {
            var status = row.StatusValue;
            var before = AuditSnapshot.Of(row);
            if (mutate(row, ctx) is { } refusal)
            {
                throw GuardedChange.Refuse(refusal.ToProblem(status.ToString()));
            }

            var expected = row.Version;
            row.Status = Lifecycle.Next(status, action).ToString();
            row.Version = expected + 1;
            row.UpdatedAt = ctx.Now;
            if (!await ComplaintStore.UpdateAsync(c, tx, row, expected, ct))
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(expected));
            }

            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaint." + Lifecycle.Kebab(action.ToString()), "complaint", row.Id.ToString(), before, AuditSnapshot.Of(row)), ct);
            foreach (var hook in _hooks)
            {
                await hook.OnAppliedAsync(c, tx, action, row, ctx, ct);
            }

            Shared.Operations.OfficeMetrics.ComplaintClosedOnCommit(tx, action == ComplaintAction.Close, row.IntakeChannel);

            var repeatVisible = await ComplaintScope.RepeatVisibleAsync(ctx.Caller, row, earlier => ComplaintStore.GetAsync(c, tx, earlier, ct));
            return new Applied<Ok<ComplaintView>>(TypedResults.Ok(ComplaintView.From(row, store.Consumers, repeatVisible)), row.Version);
        }, ct);
    }
}
