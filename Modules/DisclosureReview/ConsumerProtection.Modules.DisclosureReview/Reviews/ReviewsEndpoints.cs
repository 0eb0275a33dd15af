using ConsumerProtection.Modules.DisclosureReview.ProductDocuments;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>
/// The review workflow (plan 6 art. 21): a product manager submits the product's document set; a compliance officer
/// takes or is assigned the review, comments, and decides; four eyes throughout (the workflow actions are in the
/// dotted part).
/// </summary>
internal static partial class ReviewsEndpoints
{
    public static readonly Role[] Officers = [Role.ComplianceOfficer];

    public static readonly Role[] QueueReaders = [Role.ComplianceOfficer, Role.Auditor, Role.Admin];

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/products/{code}/reviews", SubmitAsync).RequireRoles(Role.ProductManager)
            .WithName("SubmitDisclosureReview").WithSummary("Submit a product's documents for review")
            .WithDescription("A ProductManager of the owner department submits the draft product's document set. Requires If-Match with the product's ETag; "
                + "the review is due in Disclosure:ReviewWorkingDays working days. 409 when the product is not a draft or has no document version.");
        group.MapGet("/reviews", QueueAsync).RequireRoles(QueueReaders)
            .WithName("DisclosureReviewQueue").WithSummary("The officers' review queue")
            .WithDescription("Open reviews (Submitted, UnderReview), due first then oldest first, paged; `mine=true` keeps the caller's own. With counts per status.");
        group.MapGet("/reviews/{id:guid}", GetAsync).RequireRoles(ProductsEndpoints.Readers)
            .WithName("GetDisclosureReview").WithSummary("Get a review")
            .WithDescription("The review with its documents, open blockers, comments and approval; ETag for the workflow actions. 404 outside the caller's department.");
        MapWorkflow(group);
    }

    private static async Task<Results<Created<ReviewView>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        string code, HttpContext http, ProductChanges changes, ReviewReader reader, IAuditWriter audit, IWorkingCalendar calendar,
        IOptions<DisclosureOptions> options, ProductStore store, CancellationToken ct)
    {
        var rules = await calendar.GetAsync(ct);
        ReviewRow? review = null;
        ReviewView? view = null;
        var outcome = await changes.TryApplyAsync(code, http, ProductAction.Submit, new Validation(), async (product, x) =>
        {
            if (!ProductScope.OwnsDepartment(x.Caller, product.DepartmentId))
            {
                return Problems.NotFound("product");
            }

            var latest = await DocumentStore.LatestVersionsAsync(x.Connection, x.Transaction, product.Id, ct);
            if (latest.Count == 0)
            {
                return Problems.Conflict("The product has no document with a version to review.");
            }

            var round = await x.Connection.ExecuteScalarAsync<int?>(new CommandDefinition(ReviewStore.MaxRoundSql, new { ProductId = product.Id }, x.Transaction, cancellationToken: ct)) ?? 0;
            review = new ReviewRow
            {
                Id = Guid.CreateVersion7(), ProductId = product.Id, DepartmentId = product.DepartmentId, Round = round + 1, Status = nameof(ReviewStatus.Submitted),
                Version = 1, SubmittedAt = x.Now, SubmittedBy = x.Caller.Id, DueAt = rules.WorkingDayDeadline(x.Now, options.Value.ReviewWorkingDays),
            };
            await x.Connection.ExecuteAsync(new CommandDefinition(ReviewStore.InsertSql, review, x.Transaction, cancellationToken: ct));
            await audit.AppendAsync(store.Db, x.Connection, x.Transaction, new AuditEntry("review.submitted", "review", review.Id.ToString(), null, new
            {
                ProductCode = product.Code, review.Round, review.DueAt, Versions = latest.Select(v => new { v.DocumentId, v.Number, v.Sha256 }).ToList(),
            }), ct);
            product.Status = nameof(ProductStatus.InReview);
            view = await reader.ViewAsync(x.Connection, x.Transaction, review, product, ct);
            return null;
        }, ct);
        if (outcome.Invalid is { } invalid)
        {
            return invalid;
        }

        if (outcome.Refused is { } refused)
        {
            return refused;
        }

        http.Response.Headers.ETag = ETags.For(review!.Version);
        return TypedResults.Created($"/api/v1/disclosure/reviews/{review.Id}", view!);
    }

    private static async Task<Results<Ok<ReviewQueue>, ValidationProblem>> QueueAsync(
        int? page, int? pageSize, bool? mine, HttpContext http, ProductStore store, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new { ReviewerId = mine == true ? Caller.From(http.User)!.Id : null, paging.Offset, Limit = paging.PageSize };
        var (rows, total, counts) = await store.Db.ReadAsync(async c => (
            (await c.QueryAsync<ReviewRow>(new CommandDefinition(ReviewStore.QueueSql + " " + store.Db.Dialect.Page, args, cancellationToken: ct))).AsList(),
            await c.ExecuteScalarAsync<long>(new CommandDefinition(ReviewStore.QueueCountSql, args, cancellationToken: ct)),
            (await c.QueryAsync<ReviewStore.StatusCount>(new CommandDefinition(ReviewStore.CountsSql, cancellationToken: ct))).ToDictionary(x => x.Status, x => (int)x.Count)), ct);
        int Count(ReviewStatus s) => counts.TryGetValue(s.ToString(), out var n) ? n : 0;
        return TypedResults.Ok(new ReviewQueue(
            rows.Select(r => ReviewReader.Summary(r, r.ProductCode!)).ToList(), total, paging.PageNumber, paging.PageSize,
            new ReviewCounts(Count(ReviewStatus.Submitted), Count(ReviewStatus.UnderReview), Count(ReviewStatus.ChangesRequested), Count(ReviewStatus.Approved), Count(ReviewStatus.Rejected))));
    }

    private static async Task<Results<Ok<ReviewView>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, ProductStore store, ReviewReader reader, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var view = await store.Db.ReadAsync(async c =>
        {
            var row = await ReviewStore.ByIdAsync(c, null, id, ct);
            var product = row is null ? null : await ProductStore.ByIdAsync(c, null, row.ProductId, ct);
            return row is null || product is null || !ProductScope.CanSee(caller, product) ? null : await reader.ViewAsync(c, null, row, product, ct);
        }, ct);
        if (view is null)
        {
            return Problems.NotFound("review");
        }

        http.Response.Headers.ETag = ETags.For(view.Version);
        return TypedResults.Ok(view);
    }
}
