using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Retention;
using Dapper;

namespace ConsumerProtection.Modules.DisclosureReview.Infrastructure;

/// <summary>
/// A product's review record under retention (plan 6 art. 34: kept at least three years): its documents, versions
/// (bytes and text), findings, reviews, comments, waivers and approvals. The clock starts when the product system
/// records the product's retirement; until then the record is active. Legal holds (record type
/// <c>disclosure-product</c>, record id = the product's id) are checked by the kernel before disposal. Disposal deletes
/// the rows; the audit trail keeps what happened (without document text) and a row saying what was deleted.
/// </summary>
internal sealed class ProductRetentionSource(ProductStore store, IAuditWriter audit, TimeProvider time) : IRetentionRecordSource
{
    public const string Type = "disclosure-product";

    internal const string FindSql = "SELECT retired_at AS RetiredAt FROM [disclosure].[product] WHERE id = @Id";

    internal const string ExpiredSql = """
        SELECT id FROM [disclosure].[product] WHERE retired_at IS NOT NULL AND retired_at < @Before ORDER BY retired_at, id
        """;

    internal const string DeleteWaiversSql = "DELETE FROM [disclosure].[finding_waiver] WHERE review_id IN (SELECT id FROM [disclosure].[review] WHERE product_id = @Id)";

    internal const string DeleteCommentsSql = "DELETE FROM [disclosure].[review_comment] WHERE review_id IN (SELECT id FROM [disclosure].[review] WHERE product_id = @Id)";

    internal const string DeleteItemsSql = "DELETE FROM [disclosure].[approval_item] WHERE review_id IN (SELECT id FROM [disclosure].[review] WHERE product_id = @Id)";

    internal const string DeleteReviewsSql = "DELETE FROM [disclosure].[review] WHERE product_id = @Id";

    internal const string DeleteVersionsSql = "DELETE FROM [disclosure].[document_version] WHERE document_id IN (SELECT id FROM [disclosure].[product_document] WHERE product_id = @Id)";

    internal const string DeleteDocumentsSql = "DELETE FROM [disclosure].[product_document] WHERE product_id = @Id";

    // Only a retired product goes; the status check repeats the retention start under the transaction.
    internal const string DeleteProductSql = "DELETE FROM [disclosure].[product] WHERE id = @Id AND status = 'Retired' AND retired_at IS NOT NULL";

    private static readonly string[] Order =
        [DeleteWaiversSql, DeleteCommentsSql, DeleteItemsSql, DeleteReviewsSql, DeleteVersionsSql, DeleteDocumentsSql];

    public string RecordType => Type;

    public async Task<RetentionState?> FindAsync(string recordId, CancellationToken ct)
    {
        if (!Guid.TryParse(recordId, out var id))
        {
            return null;
        }

        var found = await store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<RetiredRow>(new CommandDefinition(FindSql, new { Id = id }, cancellationToken: ct)), ct);
        return found is null ? null : new RetentionState(id.ToString(), found.RetiredAt);
    }

    public async Task<IReadOnlyList<string>> FindExpiredAsync(DateTimeOffset startedBefore, int limit, CancellationToken ct)
    {
        var ids = await store.Db.ReadAsync(c => c.QueryAsync<Guid>(new CommandDefinition(
            ExpiredSql + " " + store.Db.Dialect.Page, new { Before = startedBefore, Offset = 0, Limit = limit }, cancellationToken: ct)), ct);
        return ids.Select(g => g.ToString()).ToList();
    }

    public Task DisposeAsync(string recordId, CancellationToken ct)
    {
        var id = Guid.Parse(recordId);
        var now = time.GetUtcNow();
        return store.Db.InTransactionAsync(async (c, tx) =>
        {
            var product = await ProductStore.ByIdAsync(c, tx, id, ct);
            if (product?.RetiredAt is null)
            {
                return 0;
            }

            var deleted = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var sql in Order)
            {
                deleted[Table(sql)] = await c.ExecuteAsync(new CommandDefinition(sql, new { Id = id }, tx, cancellationToken: ct));
            }

            deleted["product"] = await c.ExecuteAsync(new CommandDefinition(DeleteProductSql, new { Id = id }, tx, cancellationToken: ct));
            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("product.disposed", Type, recordId,
                new { product.Code, product.RetiredAt }, new { DisposedAt = now, Deleted = deleted }), ct);
            return 0;
        }, ct);
    }

    // "DELETE FROM [disclosure].[x] ..." -> "x"
    private static string Table(string sql)
    {
        var start = sql.IndexOf("].[", StringComparison.Ordinal) + 3;
        return sql[start..sql.IndexOf(']', start)];
    }

    private sealed class RetiredRow
    {
        public DateTimeOffset? RetiredAt { get; set; }
    }
}
