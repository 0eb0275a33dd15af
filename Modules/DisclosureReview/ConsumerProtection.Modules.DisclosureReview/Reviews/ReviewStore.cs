using System.Data.Common;
using Dapper;

namespace ConsumerProtection.Modules.DisclosureReview.Reviews;

/// <summary>SQL of reviews, their approvals, comments and waivers (run in the caller's connection or transaction).</summary>
internal static class ReviewStore
{
    internal const string Columns = """
        id AS Id, product_id AS ProductId, department_id AS DepartmentId, round AS Round, status AS Status, version AS Version,
        submitted_at AS SubmittedAt, submitted_by AS SubmittedBy, due_at AS DueAt, reviewer_id AS ReviewerId, assigned_at AS AssignedAt,
        decided_at AS DecidedAt, decided_by AS DecidedBy, decision_reason AS DecisionReason, review_working_days AS ReviewWorkingDays,
        voided_at AS VoidedAt, void_reason AS VoidReason
        """;

    internal const string ByIdSql = "SELECT " + Columns + " FROM [disclosure].[review] WHERE id = @Id";

    internal const string OfProductSql = "SELECT " + Columns + " FROM [disclosure].[review] WHERE product_id = @ProductId ORDER BY round DESC";

    internal const string InsertSql = """
        INSERT INTO [disclosure].[review] (id, product_id, department_id, round, status, version, submitted_at, submitted_by, due_at,
            reviewer_id, assigned_at, decided_at, decided_by, decision_reason, review_working_days, voided_at, void_reason)
        VALUES (@Id, @ProductId, @DepartmentId, @Round, @Status, @Version, @SubmittedAt, @SubmittedBy, @DueAt,
            @ReviewerId, @AssignedAt, @DecidedAt, @DecidedBy, @DecisionReason, @ReviewWorkingDays, @VoidedAt, @VoidReason)
        """;

    internal const string UpdateSql = """
        UPDATE [disclosure].[review]
        SET status = @Status, version = @Version, reviewer_id = @ReviewerId, assigned_at = @AssignedAt, decided_at = @DecidedAt,
            decided_by = @DecidedBy, decision_reason = @DecisionReason, review_working_days = @ReviewWorkingDays,
            voided_at = @VoidedAt, void_reason = @VoidReason
        WHERE id = @Id AND version = @Expected
        """;

    internal const string MaxRoundSql = "SELECT MAX(round) FROM [disclosure].[review] WHERE product_id = @ProductId";

    internal const string ActiveApprovalsSql = """
        SELECT id FROM [disclosure].[review] WHERE product_id = @ProductId AND status = 'Approved' AND voided_at IS NULL
        """;

    internal const string VoidSql = """
        UPDATE [disclosure].[review] SET voided_at = @Now, void_reason = @Reason, version = version + 1
        WHERE id = @Id AND voided_at IS NULL
        """;

    // A new version changes what an open review is about: its ETag moves, so a decision taken on what the reviewer saw
    // before is refused (412) instead of binding to a version nobody read (plan 6 art. 21).
    internal const string DocumentsChangedSql = """
        UPDATE [disclosure].[review] SET version = version + 1 WHERE product_id = @ProductId AND status IN ('Submitted', 'UnderReview')
        """;

    internal const string QueueSql = """
        SELECT r.id AS Id, r.product_id AS ProductId, p.code AS ProductCode, r.department_id AS DepartmentId, r.round AS Round, r.status AS Status,
            r.version AS Version, r.submitted_at AS SubmittedAt, r.submitted_by AS SubmittedBy, r.due_at AS DueAt, r.reviewer_id AS ReviewerId
        FROM [disclosure].[review] r JOIN [disclosure].[product] p ON p.id = r.product_id
        WHERE r.status IN ('Submitted', 'UnderReview') AND (@ReviewerId IS NULL OR r.reviewer_id = @ReviewerId)
        ORDER BY r.due_at, r.submitted_at, r.id
        """;

    internal const string QueueCountSql = """
        SELECT COUNT(*) FROM [disclosure].[review] WHERE status IN ('Submitted', 'UnderReview') AND (@ReviewerId IS NULL OR reviewer_id = @ReviewerId)
        """;

    internal const string CountsSql = "SELECT status AS Status, COUNT(*) AS Count FROM [disclosure].[review] GROUP BY status";

    internal const string InsertItemSql = """
        INSERT INTO [disclosure].[approval_item] (review_id, document_id, version_number, sha256, document_type, expires_at)
        VALUES (@ReviewId, @DocumentId, @VersionNumber, @Sha256, @DocumentType, @ExpiresAt)
        """;

    internal const string ItemsSql = """
        SELECT review_id AS ReviewId, document_id AS DocumentId, version_number AS VersionNumber, sha256 AS Sha256, document_type AS DocumentType,
            expires_at AS ExpiresAt
        FROM [disclosure].[approval_item] WHERE review_id = @ReviewId ORDER BY document_id
        """;

    internal const string InsertCommentSql = """
        INSERT INTO [disclosure].[review_comment] (id, review_id, document_id, version_number, page, paragraph, line, col, body, author_id, created_at)
        VALUES (@Id, @ReviewId, @DocumentId, @VersionNumber, @Page, @Paragraph, @Line, @Column, @Body, @AuthorId, @CreatedAt)
        """;

    internal const string CommentsSql = """
        SELECT id AS Id, document_id AS DocumentId, version_number AS VersionNumber, page AS Page, paragraph AS Paragraph, line AS Line,
            col AS "Column", body AS Body, author_id AS AuthorId, created_at AS CreatedAt
        FROM [disclosure].[review_comment] WHERE review_id = @ReviewId ORDER BY created_at, id
        """;

    internal const string InsertWaiverSql = """
        INSERT INTO [disclosure].[finding_waiver] (id, review_id, document_id, version_number, finding_index, rule_id, reason, waived_by, waived_at)
        VALUES (@Id, @ReviewId, @DocumentId, @VersionNumber, @FindingIndex, @RuleId, @Reason, @WaivedBy, @WaivedAt)
        """;

    internal const string WaiverExistsSql = """
        SELECT COUNT(*) FROM [disclosure].[finding_waiver] WHERE document_id = @DocumentId AND version_number = @VersionNumber AND finding_index = @FindingIndex
        """;

    internal sealed class StatusCount
    {
        public string Status { get; set; } = "";

        public long Count { get; set; }
    }

    public static Task<ReviewRow?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ReviewRow>(new CommandDefinition(ByIdSql, new { Id = id }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<ReviewRow>> OfProductAsync(DbConnection c, DbTransaction? tx, Guid productId, CancellationToken ct) =>
        (await c.QueryAsync<ReviewRow>(new CommandDefinition(OfProductSql, new { ProductId = productId }, tx, cancellationToken: ct))).AsList();

    public static async Task<IReadOnlyList<ApprovalItem>> ItemsAsync(DbConnection c, DbTransaction? tx, Guid reviewId, CancellationToken ct) =>
        (await c.QueryAsync<ApprovalItem>(new CommandDefinition(ItemsSql, new { ReviewId = reviewId }, tx, cancellationToken: ct))).AsList();

    public static async Task<bool> UpdateAsync(DbConnection c, DbTransaction tx, ReviewRow row, long expected, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            row.Id, row.Status, row.Version, row.ReviewerId, row.AssignedAt, row.DecidedAt, row.DecidedBy, row.DecisionReason,
            row.ReviewWorkingDays, row.VoidedAt, row.VoidReason, Expected = expected,
        }, tx, cancellationToken: ct)) == 1;
}

/// <summary>One document version an approval binds to, by its SHA-256; marketing material's binding expires.</summary>
internal sealed record ApprovalItem
{
    public Guid ReviewId { get; init; }

    public Guid DocumentId { get; init; }

    public int VersionNumber { get; init; }

    public string Sha256 { get; init; } = "";

    public string DocumentType { get; init; } = "";

    public DateTimeOffset? ExpiresAt { get; init; }
}
