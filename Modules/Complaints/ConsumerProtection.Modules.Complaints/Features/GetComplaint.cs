using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Features;

/// <summary>
/// Read one complaint by id or reference (ETag for If-Match), its consumer's details (logged as a C2 view of
/// personal financial information), and its timeline from the audit trail.
/// </summary>
internal static class GetComplaint
{
    public static readonly Role[] Readers = [Role.Teller, Role.ComplaintHandler, Role.ComplaintSupervisor, Role.Admin];

    public sealed record TimelineEntry(long Seq, DateTimeOffset At, string Action, string ActorId, string? ActorBranch, string? CorrelationId);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}", ById).RequireRoles(Readers).WithName("GetComplaint").WithSummary("Get a complaint");
        group.MapGet("/by-reference", ByReference).RequireRoles(Readers).WithName("GetComplaintByReference").WithSummary("Get a complaint by reference")
            .WithDescription("The reference (e.g. CP-…) goes in the query: ?reference=. Answers 404 when no complaint in the caller's scope has it.");

        // Deprecated alias (ambiguous beside /{id}/<action> in the document): still served, not documented.
        group.MapGet("/by-reference/{reference}", ByReference).RequireRoles(Readers).ExcludeFromDescription();
        group.MapGet("/{id:guid}/consumer", Consumer).RequireRoles(Readers).WithName("GetComplaintConsumer").WithSummary("Get a complaint's consumer details")
            .WithDescription("Returns the consumer's personal details; each call is recorded as a view of personal financial information.");
        group.MapGet("/{id:guid}/timeline", Timeline).RequireRoles(Readers).WithName("GetComplaintTimeline").WithSummary("Get a complaint's timeline");
    }

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> ById(Guid id, HttpContext http, ComplaintStore store, CancellationToken ct) =>
        await AnswerAsync(http, store, await store.GetAsync(id, ct), ct);

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> ByReference(string reference, HttpContext http, ComplaintStore store, CancellationToken ct) =>
        await AnswerAsync(http, store, reference.Length <= 20 ? await store.GetByReferenceAsync(reference, ct) : null, ct);

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> AnswerAsync(HttpContext http, ComplaintStore store, Domain.ComplaintRow? row, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        if (row is null || !ComplaintScope.CanSee(caller, row))
        {
            return Problems.NotFound("complaint");
        }

        var repeatVisible = await ComplaintScope.RepeatVisibleAsync(caller, row, earlier => store.GetAsync(earlier, ct));
        http.Response.Headers.ETag = ComplaintView.ETag(row.Version);
        return TypedResults.Ok(ComplaintView.From(row, store.Consumers, repeatVisible));
    }

    private static async Task<Results<Ok<ConsumerView>, ProblemHttpResult>> Consumer(
        Guid id, HttpContext http, ComplaintStore store, IAuditWriter audit, IPersonalInfoAccessLog accessLog, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var row = await store.GetAsync(id, ct);
        if (row is null || !ComplaintScope.CanSee(caller, row) || !ComplaintScope.MaySeeConsumer(caller))
        {
            return Problems.NotFound("complaint");
        }

        await ConsumerAccess.RecordAsync(store, audit, accessLog, caller, time.GetUtcNow(),
            new AuditEntry("complaint.consumer-viewed", "complaint", row.Id.ToString()), "complaint:" + row.Reference, row.Reference,
            AccessAction.View, ct);

        var consumer = store.Consumers.Open(row);
        return TypedResults.Ok(new ConsumerView(consumer.Name, consumer.Phone, consumer.Email, consumer.IdType, consumer.IdNumber,
            row.AnonymisedAt is not null));
    }

    private static async Task<Results<Ok<IReadOnlyList<TimelineEntry>>, ProblemHttpResult>> Timeline(
        Guid id, HttpContext http, ComplaintStore store, CancellationToken ct)
    {
        var row = await store.GetAsync(id, ct);
        if (row is null || !ComplaintScope.CanSee(Caller.From(http.User)!, row))
        {
            return Problems.NotFound("complaint");
        }

        var entries = await AuditQuery.TimelineAsync(store.Db, "complaint", id.ToString(), ct);
        return TypedResults.Ok<IReadOnlyList<TimelineEntry>>(entries
            .Select(e => new TimelineEntry(e.Seq, e.OccurredAt, e.Action, e.ActorId, e.ActorBranch, e.CorrelationId)).ToList());
    }
}
