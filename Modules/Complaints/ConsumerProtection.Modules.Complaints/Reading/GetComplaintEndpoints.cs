using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Reading;

/// <summary>
/// Read one complaint by id or reference (ETag for If-Match), its consumer's details (logged as a C2 view of
/// personal financial information), and its timeline from the audit trail.
/// </summary>
internal static class GetComplaintEndpoints
{
    public static readonly Role[] Readers = [Role.Teller, Role.ComplaintHandler, Role.ComplaintSupervisor, Role.Admin];

    public sealed record TimelineEntry(long Seq, DateTimeOffset At, string Action, string ActorId, string? ActorBranch, string? CorrelationId);

    private const string JsonContentType = "application/json; charset=utf-8";

    public static void Map(RouteGroupBuilder group)
    {
        // The view is written from cached bytes (ComplaintViewCache), so its schema is declared here.
        group.MapGet("/{id:guid}", ById).RequireRoles(Readers).WithName("GetComplaint").WithSummary("Get a complaint")
            .Produces<ComplaintView>(StatusCodes.Status200OK, "application/json");
        group.MapGet("/by-reference", ByReference).RequireRoles(Readers).WithName("GetComplaintByReference").WithSummary("Get a complaint by reference")
            .Produces<ComplaintView>(StatusCodes.Status200OK, "application/json")
            .WithDescription("The reference (e.g. CP-…) goes in the query: ?reference=. Answers 404 when no complaint in the caller's scope has it.");

        // Deprecated alias (ambiguous beside /{id}/<action> in the document): still served, not documented.
        group.MapGet("/by-reference/{reference}", ByReference).RequireRoles(Readers).ExcludeFromDescription();
        group.MapGet("/{id:guid}/consumer", Consumer).RequireRoles(Readers).WithName("GetComplaintConsumer").WithSummary("Get a complaint's consumer details")
            .WithDescription("Returns the consumer's personal details; each call is recorded as a view of personal financial information.");
        group.MapGet("/{id:guid}/timeline", Timeline).RequireRoles(Readers).WithName("GetComplaintTimeline").WithSummary("Get a complaint's timeline");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ById(
        Guid id, HttpContext http, ComplaintStore store, ComplaintViewCache views, CancellationToken ct) =>
        await AnswerAsync(http, store, views, await store.GetHeadAsync(id, ct), ct);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ByReference(
        string reference, HttpContext http, ComplaintStore store, ComplaintViewCache views, CancellationToken ct) =>
        await AnswerAsync(http, store, views, reference.Length <= 20 ? await store.GetHeadByReferenceAsync(reference, ct) : null, ct);

    // The head (version and scope columns) decides visibility and whether cached bytes are current; the full row is read
    // only on a cache miss, and visibility is checked again on it (it may have moved between the two reads).
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AnswerAsync(
        HttpContext http, ComplaintStore store, ComplaintViewCache views, Domain.ComplaintRow? head, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        if (head is null || !ComplaintScope.CanSee(caller, head))
        {
            return Problems.NotFound("complaint");
        }

        var repeatVisible = await ComplaintScope.RepeatVisibleAsync(caller, head, earlier => store.GetHeadAsync(earlier, ct));
        var json = views.Find(head.Id, repeatVisible, head.Version);
        var version = head.Version;
        if (json is null)
        {
            var row = await store.GetAsync(head.Id, ct);
            if (row is null || !ComplaintScope.CanSee(caller, row))
            {
                return Problems.NotFound("complaint");
            }

            json = views.Serialise(ComplaintView.From(row, store.Consumers, repeatVisible), row, repeatVisible);
            version = row.Version;
        }

        http.Response.Headers.ETag = ComplaintView.ETag(version);
        return TypedResults.File(json, JsonContentType);
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
