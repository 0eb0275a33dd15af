using System.Data.Common;
using Dapper;

namespace ConsumerProtection.Modules.DisclosureReview.ProductDocuments;

/// <summary>SQL of documents, versions and waivers, run inside the caller's connection or transaction.</summary>
internal static class DocumentStore
{
    internal const string DocumentColumns = """
        id AS Id, product_id AS ProductId, document_type AS DocumentType, language AS Language, title AS Title,
        latest_version AS LatestVersion, created_at AS CreatedAt, created_by AS CreatedBy
        """;

    internal const string VersionColumns = """
        document_id AS DocumentId, number AS Number, file_name AS FileName, format AS Format, byte_length AS ByteLength, sha256 AS Sha256,
        paragraphs AS Paragraphs, rule_set_version AS RuleSetVersion, findings AS Findings, blockers AS Blockers, uploaded_at AS UploadedAt,
        uploaded_by AS UploadedBy
        """;

    internal const string DocumentsOfProductSql = "SELECT " + DocumentColumns + " FROM [disclosure].[product_document] WHERE product_id = @ProductId ORDER BY created_at, id";

    internal const string DocumentSql = "SELECT " + DocumentColumns + " FROM [disclosure].[product_document] WHERE id = @Id AND product_id = @ProductId";

    internal const string InsertDocumentSql = """
        INSERT INTO [disclosure].[product_document] (id, product_id, document_type, language, title, latest_version, created_at, created_by)
        VALUES (@Id, @ProductId, @DocumentType, @Language, @Title, @LatestVersion, @CreatedAt, @CreatedBy)
        """;

    internal const string NextVersionSql = """
        UPDATE [disclosure].[product_document] SET latest_version = latest_version + 1 WHERE id = @Id AND latest_version = @Expected
        """;

    internal const string VersionSql = "SELECT " + VersionColumns + " FROM [disclosure].[document_version] WHERE document_id = @DocumentId AND number = @Number";

    // The latest version of every document of a product (what a review sees and an approval binds to). Without the
    // findings: the launch gate reads them only for versions that have blockers (FindingsSql), which keeps it cheap.
    internal const string LatestVersionsSql = """
        SELECT v.document_id AS DocumentId, v.number AS Number, v.file_name AS FileName, v.format AS Format, v.byte_length AS ByteLength,
            v.sha256 AS Sha256, v.paragraphs AS Paragraphs, v.rule_set_version AS RuleSetVersion, v.blockers AS Blockers,
            v.uploaded_at AS UploadedAt, v.uploaded_by AS UploadedBy
        FROM [disclosure].[document_version] v
        JOIN [disclosure].[product_document] d ON d.id = v.document_id AND d.latest_version = v.number
        WHERE d.product_id = @ProductId
        ORDER BY d.created_at, d.id
        """;

    internal const string FindingsSql = "SELECT findings FROM [disclosure].[document_version] WHERE document_id = @DocumentId AND number = @Number";

    internal const string OriginalSql = "SELECT original FROM [disclosure].[document_version] WHERE document_id = @DocumentId AND number = @Number";

    internal const string TextSql = "SELECT extracted_text FROM [disclosure].[document_version] WHERE document_id = @DocumentId AND number = @Number";

    internal const string InsertVersionSql = """
        INSERT INTO [disclosure].[document_version] (document_id, number, file_name, format, byte_length, sha256, original, extracted_text, paragraphs,
            rule_set_version, findings, blockers, uploaded_at, uploaded_by)
        VALUES (@DocumentId, @Number, @FileName, @Format, @ByteLength, @Sha256, @Original, @ExtractedText, @Paragraphs,
            @RuleSetVersion, @Findings, @Blockers, @UploadedAt, @UploadedBy)
        """;

    internal const string WaiversSql = """
        SELECT finding_index AS FindingIndex, rule_id AS RuleId, reason AS Reason, waived_by AS WaivedBy, waived_at AS WaivedAt, review_id AS ReviewId
        FROM [disclosure].[finding_waiver] WHERE document_id = @DocumentId AND version_number = @Number ORDER BY finding_index
        """;

    public static async Task<IReadOnlyList<DocumentRow>> DocumentsAsync(DbConnection c, DbTransaction? tx, Guid productId, CancellationToken ct) =>
        (await c.QueryAsync<DocumentRow>(new CommandDefinition(DocumentsOfProductSql, new { ProductId = productId }, tx, cancellationToken: ct))).AsList();

    public static Task<DocumentRow?> DocumentAsync(DbConnection c, DbTransaction? tx, Guid productId, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<DocumentRow>(new CommandDefinition(DocumentSql, new { Id = id, ProductId = productId }, tx, cancellationToken: ct));

    public static Task<VersionRow?> VersionAsync(DbConnection c, DbTransaction? tx, Guid documentId, int number, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(VersionSql, new { DocumentId = documentId, Number = number }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<VersionRow>> LatestVersionsAsync(DbConnection c, DbTransaction? tx, Guid productId, CancellationToken ct) =>
        (await c.QueryAsync<VersionRow>(new CommandDefinition(LatestVersionsSql, new { ProductId = productId }, tx, cancellationToken: ct))).AsList();

    public static async Task<IReadOnlyList<WaiverView>> WaiversAsync(DbConnection c, DbTransaction? tx, Guid documentId, int number, CancellationToken ct) =>
        (await c.QueryAsync<WaiverView>(new CommandDefinition(WaiversSql, new { DocumentId = documentId, Number = number }, tx, cancellationToken: ct))).AsList();
}
