using System.Data.Common;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.ProductDocuments;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using Dapper;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>A blocker finding on a document's latest version that is neither resolved by a newer version nor waived.</summary>
internal sealed record OpenBlocker(Guid DocumentId, DocumentType DocumentType, int Version, int FindingIndex, string RuleId, FindingLocation Location, string? Excerpt);

/// <summary>Approvals bind to exact versions; open blockers stop them (plan 6 art. 21: the review must clear every issue).</summary>
internal static class Approvals
{
    /// <summary>Voids every standing approval of a product (a new version was uploaded); true when one was voided.</summary>
    public static async Task<bool> VoidAsync(
        DbConnection c, DbTransaction tx, IModuleDb db, IAuditWriter audit, Guid productId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var ids = (await c.QueryAsync<Guid>(new CommandDefinition(ReviewStore.ActiveApprovalsSql, new { ProductId = productId }, tx, cancellationToken: ct))).AsList();
        foreach (var id in ids)
        {
            await c.ExecuteAsync(new CommandDefinition(ReviewStore.VoidSql, new { Id = id, Now = now, Reason = reason }, tx, cancellationToken: ct));
            await audit.AppendAsync(db, c, tx, new AuditEntry("review.approval-voided", "review", id.ToString(),
                new { Voided = false }, new { Voided = true, VoidedAt = now, Reason = reason }), ct);
        }

        return ids.Count > 0;
    }

    /// <summary>Blocker findings of the latest versions of a product's documents that have no waiver, in document order.</summary>
    public static async Task<IReadOnlyList<OpenBlocker>> OpenBlockersAsync(
        DbConnection c, DbTransaction? tx, IReadOnlyList<DocumentRow> documents, IReadOnlyList<VersionRow> latest, CancellationToken ct)
    {
        var result = new List<OpenBlocker>();
        foreach (var version in latest.Where(v => v.Blockers > 0))
        {
            var document = documents.Single(d => d.Id == version.DocumentId);
            var waived = (await DocumentStore.WaiversAsync(c, tx, version.DocumentId, version.Number, ct)).Select(w => w.FindingIndex).ToHashSet();
            var json = await c.ExecuteScalarAsync<string>(new CommandDefinition(
                DocumentStore.FindingsSql, new { version.DocumentId, version.Number }, tx, cancellationToken: ct));
            var findings = new VersionRow { Findings = json ?? "[]" }.FindingList;
            for (var i = 0; i < findings.Count; i++)
            {
                if (findings[i].Severity == Severity.Blocker && !waived.Contains(i))
                {
                    result.Add(new OpenBlocker(version.DocumentId, document.TypeValue, version.Number, i, findings[i].RuleId, findings[i].Location, findings[i].Excerpt));
                }
            }
        }

        return result;
    }
}
