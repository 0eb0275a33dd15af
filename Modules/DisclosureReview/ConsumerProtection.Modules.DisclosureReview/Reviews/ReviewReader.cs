using System.Data.Common;
using ConsumerProtection.Modules.DisclosureReview.ProductDocuments;
using ConsumerProtection.Modules.DisclosureReview.Products;
using Dapper;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>Builds a review's full view: the document set at its latest versions, open blockers, comments, approval.</summary>
internal sealed class ReviewReader
{
    public async Task<ReviewView> ViewAsync(DbConnection c, DbTransaction? tx, ReviewRow r, ProductRow product, CancellationToken ct)
    {
        var documents = await DocumentStore.DocumentsAsync(c, tx, product.Id, ct);
        var latest = await DocumentStore.LatestVersionsAsync(c, tx, product.Id, ct);
        var set = latest.Select(v =>
        {
            var d = documents.Single(x => x.Id == v.DocumentId);
            return new ReviewDocument(d.Id, d.TypeValue, d.Language, d.Title, v.Number, v.Sha256, v.RuleSetVersion, v.Blockers);
        }).ToList();
        var status = r.StatusValue;
        var blockers = ReviewLifecycle.IsOpen(status) ? await Approvals.OpenBlockersAsync(c, tx, documents, latest, ct) : [];
        var comments = (await c.QueryAsync<CommentView>(new CommandDefinition(ReviewStore.CommentsSql, new { ReviewId = r.Id }, tx, cancellationToken: ct))).AsList();
        var items = status == ReviewStatus.Approved ? await ReviewStore.ItemsAsync(c, tx, r.Id, ct) : [];
        return new ReviewView(
            r.Id, product.Code, r.DepartmentId, r.Round, status, r.Version, r.SubmittedAt, r.SubmittedBy, r.DueAt, r.ReviewerId, r.AssignedAt, r.DecidedAt,
            r.DecidedBy, r.DecisionReason, r.ReviewWorkingDays, r.VoidedAt, r.VoidReason, set, blockers, comments, items, ReviewLifecycle.AllowedActions(status));
    }

    public static ReviewSummary Summary(ReviewRow r, string productCode) =>
        new(r.Id, productCode, r.DepartmentId, r.Round, r.StatusValue, r.SubmittedAt, r.SubmittedBy, r.DueAt, r.ReviewerId, r.Version);
}
