using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.MajorEvents;

namespace ConsumerProtection.Modules.DisclosureReview.Clearance;

/// <summary>
/// A launch the product system recorded for a product the review has not cleared. Plan 6 art. 21 allows no product or
/// service to be sold before the consumer-protection review clears it, and art. 27(4) bars promoting products not yet
/// approved; the office reads a product put on sale without clearance as a major event under art. 41 (ADR 0008). The
/// launch itself is refused (409 with every reason) and stores nothing; this records the report in its own transaction:
/// an audit row (<c>product.launch-refused</c>, reason codes only) and a raise into the office's major-event register.
/// </summary>
internal sealed class UnclearedLaunches(ProductStore store, IAuditWriter audit, IMajorEventRegister register, TimeProvider time)
{
    /// <summary>The register's kind for this event.</summary>
    public const string Kind = "ProductLaunchedWithoutClearance";

    /// <summary>What the refused launch found: the product as read, and the gate's reason codes.</summary>
    public sealed record Refused(Guid ProductId, string Code, long Version, IReadOnlyList<string> ReasonCodes);

    /// <summary>
    /// The register's key: one entry per product version reported launched uncleared, so the product system's retries
    /// keep one entry and a later uncleared launch of a changed product is a new one.
    /// </summary>
    public static string SourceReference(Guid productId, long version) => $"{productId}/launch@{version}";

    public Task RaiseAsync(Refused refused, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var eventId = Guid.CreateVersion7(now);
        var reference = SourceReference(refused.ProductId, refused.Version);
        // Codes and references only: no document text, no names (ADR 0008).
        var summary = $"Product {refused.Code} reported launched without review clearance ({string.Join(", ", refused.ReasonCodes)}).";
        return store.Db.InTransactionAsync(async (c, tx) =>
        {
            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("product.launch-refused", "product", refused.ProductId.ToString(), null,
                new { refused.Version, Reasons = refused.ReasonCodes, MajorEvent = reference }), ct);
            await register.RaiseAsync(store.Db, c, tx,
                new MajorEventRaised("DisclosureReview", reference, Kind, MajorEventSeverity.Major, now, now, summary, eventId), ct);
            return 0;
        }, ct);
    }
}
