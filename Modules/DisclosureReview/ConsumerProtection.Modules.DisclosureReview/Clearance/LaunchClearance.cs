using System.Data.Common;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.ProductDocuments;
using ConsumerProtection.Modules.DisclosureReview.Products;
using Microsoft.Extensions.Options;

using ConsumerProtection.Modules.DisclosureReview.Reviews;

namespace ConsumerProtection.Modules.DisclosureReview.Clearance;

/// <summary>Why a product is not cleared: a stable code and the document, version and finding it concerns.</summary>
internal sealed record ClearanceReason(
    string Code, string Detail, DocumentType? DocumentType = null, Guid? DocumentId = null, int? Version = null, int? FindingIndex = null, string? RuleId = null);

/// <summary>The standing approval, if any.</summary>
internal sealed record ClearanceApproval(Guid ReviewId, DateTimeOffset ApprovedAt, string ApprovedBy, DateTimeOffset? ExpiresAt);

/// <summary>The launch gate's answer: cleared only with no reason.</summary>
internal sealed record ClearanceResult(string ProductCode, ProductStatus Status, bool Cleared, IReadOnlyList<ClearanceReason> Reasons, ClearanceApproval? Approval);

/// <summary>
/// Whether a product may launch (plan 6 art. 21: no product or service is sold before the consumer-protection review):
/// every required document type present (arts. 20–22), no open blocker, and a standing approval — not voided by a new
/// version, bound to exactly the current versions' hashes, and for marketing material not older than
/// <c>Disclosure:MarketingApprovalMonths</c>. Every failing reason is listed.
/// </summary>
internal sealed class LaunchClearance(IOptions<DisclosureOptions> options)
{
    public async Task<ClearanceResult> EvaluateAsync(DbConnection c, DbTransaction? tx, ProductRow product, DateTimeOffset now, CancellationToken ct)
    {
        var reasons = new List<ClearanceReason>();
        var status = product.StatusValue;
        if (status == ProductStatus.Retired)
        {
            reasons.Add(new("retired", "The product is retired."));
        }

        var documents = await DocumentStore.DocumentsAsync(c, tx, product.Id, ct);
        var latest = await DocumentStore.LatestVersionsAsync(c, tx, product.Id, ct);
        var present = documents.Where(d => d.LatestVersion > 0).Select(d => d.TypeValue).ToHashSet();
        foreach (var type in RequiredDocuments.For(options.Value, product.TypeValue, product.ChannelValues.Contains(SalesChannel.Phone)).Where(t => !present.Contains(t)))
        {
            reasons.Add(new("missing-document", $"No {type} document with a version (required for {product.TypeValue} products).", type));
        }

        foreach (var b in await Approvals.OpenBlockersAsync(c, tx, documents, latest, ct))
        {
            reasons.Add(new("open-blocker", $"Blocker finding {b.RuleId} on version {b.Version} is neither resolved nor waived.", b.DocumentType, b.DocumentId, b.Version, b.FindingIndex, b.RuleId));
        }

        var reviews = await ReviewStore.OfProductAsync(c, tx, product.Id, ct);
        var approved = reviews.FirstOrDefault(r => r.StatusValue == ReviewStatus.Approved);
        ClearanceApproval? approval = null;
        if (approved is null)
        {
            reasons.Add(new("no-approval", "The product's documents have no approval."));
        }
        else if (approved.VoidedAt is not null || reviews.Any(r => r.Round > approved.Round))
        {
            reasons.Add(new("approval-voided", "The approval is void: " + (approved.VoidReason ?? "the documents were submitted again") + "."));
        }
        else
        {
            var items = await ReviewStore.ItemsAsync(c, tx, approved.Id, ct);
            approval = new(approved.Id, approved.DecidedAt!.Value, approved.DecidedBy!, items.Where(i => i.ExpiresAt is not null).Min(i => i.ExpiresAt));
            Bound(items, latest, documents, now, reasons);
        }

        return new ClearanceResult(product.Code, status, reasons.Count == 0, reasons, approval);
    }

    // The approval must cover exactly the current versions, by hash; marketing material's approval expires.
    private static void Bound(IReadOnlyList<ApprovalItem> items, IReadOnlyList<VersionRow> latest, IReadOnlyList<DocumentRow> documents, DateTimeOffset now, List<ClearanceReason> reasons)
    {
        foreach (var version in latest)
        {
            var type = documents.Single(d => d.Id == version.DocumentId).TypeValue;
            var item = items.FirstOrDefault(i => i.DocumentId == version.DocumentId);
            if (item is null || item.Sha256 != version.Sha256 || item.VersionNumber != version.Number)
            {
                reasons.Add(new("approval-mismatch", $"Version {version.Number} of this document is not the approved one.", type, version.DocumentId, version.Number));
            }
            else if (item.ExpiresAt is { } expires && expires <= now)
            {
                reasons.Add(new("approval-expired", $"The approval of this marketing material expired at {expires:O}.", type, version.DocumentId, version.Number));
            }
        }
    }
}
