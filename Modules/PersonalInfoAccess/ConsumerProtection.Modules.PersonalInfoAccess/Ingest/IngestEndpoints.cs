using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Ingest;

/// <summary>
/// <c>POST /api/v1/pi-access/events</c> and <c>/events/batch</c>: bank systems report accesses. A 2xx means committed.
/// Batch semantics: validation is all-or-nothing (any invalid event → 400 naming <c>events[i].field</c>, nothing
/// stored); a valid batch is committed whole, with a result per event — Recorded, Duplicate (the same event id and
/// content is already stored: a resend) or Conflict (the id is taken by different content; the stored event stands).
/// The event id makes every resend safe, so these endpoints need no Idempotency-Key.
/// </summary>
internal static class IngestEndpoints
{
    /// <summary>The body limit of the batch endpoint: 1,000 events of up to a few KiB each.</summary>
    private const long BatchBodyLimit = 8 * 1024 * 1024;

    internal sealed record BatchRequest(IReadOnlyList<EventRequest?>? Events);

    internal sealed record EventResult(int Index, Guid EventId, AppendStatus Status, long Seq);

    internal sealed record SingleResult(Guid EventId, AppendStatus Status, long Seq);

    internal sealed record BatchResult(int Recorded, int Duplicates, int Conflicts, IReadOnlyList<EventResult> Results);

    internal sealed record CategoryView(string Name, string MinimumTier);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/events", Single).RequireRoles(Role.SystemClient).WithName("RecordPiAccessEvent").WithSummary("Record a personal-information access event")
            .WithDescription("Appends one access event to the tamper-evident access log. For many events use the batch endpoint.");
        group.MapPost("/events/batch", Batch).RequireRoles(Role.SystemClient)
            .WithMetadata(new RequestSizeLimitAttribute(BatchBodyLimit)).WithName("RecordPiAccessEventBatch").WithSummary("Record a batch of access events")
            .WithDescription("Appends many access events in one call.");
        group.MapGet("/categories", Categories)
            .RequireRoles(Role.SystemClient, Role.PrivacyOfficer, Role.Auditor, Role.Admin).WithName("ListPiAccessCategories").WithSummary("List personal-information categories");
    }

    internal static async Task<Results<Created<SingleResult>, Ok<SingleResult>, ValidationProblem, ProblemHttpResult>> Single(
        EventRequest request, EventValidation validation, GroupCommitWriter writer, CancellationToken ct)
    {
        var v = new Validation();
        if (validation.Validate(request, "", v) is not { } e)
        {
            return v.ToProblem();
        }

        var r = (await writer.SubmitAsync([e], ct))[0];
        var body = new SingleResult(r.EventId, r.Status, r.Seq);
        return r.Status switch
        {
            AppendStatus.Recorded => TypedResults.Created((string?)null, body),
            AppendStatus.Duplicate => TypedResults.Ok(body),
            _ => Problems.Conflict($"Event {r.EventId} is already recorded with different content; the stored event stands.",
                new Dictionary<string, object?> { ["eventId"] = r.EventId, ["seq"] = r.Seq }),
        };
    }

    internal static async Task<Results<Ok<BatchResult>, ValidationProblem, ProblemHttpResult>> Batch(
        BatchRequest request, EventValidation validation, GroupCommitWriter writer, IOptions<PersonalInfoAccessOptions> options, CancellationToken ct)
    {
        var max = options.Value.MaxBatchSize;
        if (request.Events is null || request.Events.Count == 0)
        {
            return new Validation().Add("events", "at least one event is required.").ToProblem();
        }

        if (request.Events.Count > max)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "The batch is too large.",
                $"A batch holds at most {max} events; this one has {request.Events.Count}. Split it.");
        }

        var v = new Validation();
        var events = new List<AccessEvent>(request.Events.Count);
        for (var i = 0; i < request.Events.Count; i++)
        {
            if (validation.Validate(request.Events[i], $"events[{i}].", v) is { } e)
            {
                events.Add(e);
            }
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var results = await writer.SubmitAsync(events, ct);
        var views = results.Select((r, i) => new EventResult(i, r.EventId, r.Status, r.Seq)).ToList();
        return TypedResults.Ok(new BatchResult(
            results.Count(r => r.Status == AppendStatus.Recorded), results.Count(r => r.Status == AppendStatus.Duplicate),
            results.Count(r => r.Status == AppendStatus.Conflict), views));
    }

    internal static Ok<List<CategoryView>> Categories(CategoryCatalog catalog) =>
        TypedResults.Ok(catalog.All.OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CategoryView(c.Key, c.Value.ToString())).ToList());
}
