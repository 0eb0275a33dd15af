using System.Security.Cryptography;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Protection;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Attachments;

/// <summary>
/// Scanned letters and receipts on a complaint (plan 6: complaint handling is recorded). Uploaded as multipart, kind
/// decided by the bytes, SHA-256 kept, content sealed like the consumer's details; listed and downloaded within the
/// complaint's scope, every download audited and sent to the personal-information access log.
/// </summary>
internal static class AttachmentsEndpoints
{
    public sealed record AttachmentView(Guid Id, Guid ComplaintId, string FileName, string ContentType, long SizeBytes, string Sha256, DateTimeOffset UploadedAt, string UploadedBy);

    private sealed record Row(Guid Id, Guid ComplaintId, string FileName, string ContentType, long SizeBytes, string Sha256, string Content, string KeyId, DateTimeOffset UploadedAt, string UploadedBy);

    public const string Table = "complaints.complaint_attachment";

    public const string Insert = """
        INSERT INTO [complaints].[complaint_attachment] (id, complaint_id, file_name, content_type, size_bytes, sha256, content, key_id, uploaded_at, uploaded_by)
        VALUES (@Id, @ComplaintId, @FileName, @ContentType, @SizeBytes, @Sha256, @Content, @KeyId, @UploadedAt, @UploadedBy)
        """;

    public const string ListSql = """
        SELECT id, complaint_id, file_name, content_type, size_bytes, sha256, '' AS content, key_id, uploaded_at, uploaded_by
        FROM [complaints].[complaint_attachment] WHERE complaint_id = @ComplaintId ORDER BY uploaded_at, id
        """;

    public const string CountSql = """
        SELECT COUNT(*) FROM [complaints].[complaint_attachment] WHERE complaint_id = @ComplaintId
        """;

    public const string ById = """
        SELECT id, complaint_id, file_name, content_type, size_bytes, sha256, content, key_id, uploaded_at, uploaded_by
        FROM [complaints].[complaint_attachment] WHERE id = @Id AND complaint_id = @ComplaintId
        """;

    /// <summary>Run in the complaint's anonymisation: the attachments go with the consumer's data.</summary>
    public const string DeleteForComplaint = """
        DELETE FROM [complaints].[complaint_attachment] WHERE complaint_id = @Id
        """;

    private static readonly Role[] Readers = [Role.Teller, Role.ComplaintHandler, Role.ComplaintSupervisor, Role.Admin];

    // A scanned letter or receipt: an image of the consumer's documents in the access log's catalogue.
    private static readonly (string Category, DataTier Tier)[] Documents = [("image", DataTier.C2)];

    // Multipart framing around the largest file.
    private const long FormOverhead = 64 * 1024;

    public static void Map(RouteGroupBuilder group)
    {
        var max = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<ComplaintsOptions>>().Value.AttachmentMaxBytes;
        group.MapPost("/{id:guid}/attachments", Upload).RequireRoles(Readers).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(max + FormOverhead))
            .FileBody("file", "The scanned document.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("AddComplaintAttachment").WithSummary("Attach a scanned document to a complaint")
            .WithDescription("multipart/form-data with one part named file. At most Complaints:AttachmentMaxBytes (10 MiB by default; 413 above). The kind is decided by the content: PDF, JPEG, PNG, Word, Excel or PowerPoint (415 otherwise). Stored encrypted with its SHA-256. A complaint outside your scope answers 404.");
        group.MapGet("/{id:guid}/attachments", List).RequireRoles(Readers)
            .WithName("ListComplaintAttachments").WithSummary("List a complaint's attachments")
            .WithDescription("Paged like every list (page, pageSize). A complaint outside your scope answers 404.");
        // "/content" keeps the route apart from /codes/{axis}/{code} in the document.
        group.MapGet("/{id:guid}/attachments/{attachmentId}/content", Download).RequireRoles(Readers)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .WithName("DownloadComplaintAttachment").WithSummary("Download a complaint's attachment")
            .WithDescription("The original bytes with their sniffed media type; every download is audited and recorded in the personal-information access log.");
    }

    private static async Task<ComplaintRow?> VisibleAsync(ComplaintStore store, Guid id, Caller caller, CancellationToken ct) =>
        await store.GetAsync(id, ct) is { } row && ComplaintScope.CanSee(caller, row) && ComplaintScope.MaySeeConsumer(caller) ? row : null;

    private static async Task<Results<Created<AttachmentView>, ValidationProblem, ProblemHttpResult>> Upload(
        Guid id, HttpContext http, ComplaintStore store, IAuditWriter audit, IOptions<ComplaintsOptions> options, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        if (await VisibleAsync(store, id, caller, ct) is not { } complaint)
        {
            return Problems.NotFound("complaint");
        }

        if (!http.Request.HasFormContentType)
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Send multipart/form-data.",
                "One part named file.");
        }

        var max = options.Value.AttachmentMaxBytes;
        if (http.Request.ContentLength > max + FormOverhead)
        {
            return TooLarge(max);
        }

        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files.GetFile("file") is not { } file || form.Files.Count != 1)
        {
            return new Validation().Add("file", "send exactly one part named file.").ToProblem();
        }

        if (file.Length > max)
        {
            return TooLarge(max);
        }

        var name = Path.GetFileName(file.FileName ?? "").Trim();
        if (name.Length is 0 or > 255 || name.Any(char.IsControl))
        {
            return new Validation().Add("file", "needs a file name of 1 to 255 characters.").ToProblem();
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        if (ContentSniffer.Sniff(bytes) is not { } contentType)
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "This kind of file is not accepted.",
                $"file: the content is not {ContentSniffer.Allowed}.", new Dictionary<string, object?> { ["field"] = "file" });
        }

        var now = time.GetUtcNow();
        var attachmentId = Guid.CreateVersion7(now);
        var protector = store.Consumers.Protector;
        var binding = attachmentId.ToString();
        var row = new Row(attachmentId, complaint.Id, protector.Protect(name, new FieldBinding(Table, "file_name", binding)), contentType, bytes.Length,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), protector.Protect(Convert.ToBase64String(bytes), new FieldBinding(Table, "content", binding)),
            protector.ActiveKeyId, now, caller.Id);
        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(Insert, row, tx, cancellationToken: ct));
            // No file name or content in the audit row: only what identifies the document.
            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaint.attachment-added", "complaint", complaint.Id.ToString(), null,
                new { AttachmentId = attachmentId, row.ContentType, row.SizeBytes, row.Sha256 }), ct);
            return 0;
        }, ct);
        return TypedResults.Created($"/api/v1/complaints/{complaint.Id}/attachments/{attachmentId}/content", View(row, name));
    }

    private static async Task<Results<Ok<Page<AttachmentView>>, ValidationProblem, ProblemHttpResult>> List(
        Guid id, int? page, int? pageSize, HttpContext http, ComplaintStore store, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await VisibleAsync(store, id, Caller.From(http.User)!, ct) is null)
        {
            return Problems.NotFound("complaint");
        }

        var args = new { ComplaintId = id, paging.Offset, Limit = paging.PageSize };
        var (rows, total) = await SnapshotRead.ReadAsync(store.Db, async (c, tx) =>
            ((await c.QueryAsync<Row>(new CommandDefinition(ListSql + " " + store.Db.Dialect.Page, args, tx, cancellationToken: ct))).AsList(),
             await c.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, args, tx, cancellationToken: ct))), ct);
        var protector = store.Consumers.Protector;
        return TypedResults.Ok(paging.Of(rows.Select(r => View(r, protector.Unprotect(r.FileName, new FieldBinding(Table, "file_name", r.Id.ToString())))).ToList(), total));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(
        Guid id, Guid attachmentId, HttpContext http, ComplaintStore store, IAuditWriter audit, IPersonalInfoAccessLog accessLog, TimeProvider time,
        CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        if (await VisibleAsync(store, id, caller, ct) is not { } complaint)
        {
            return Problems.NotFound("complaint");
        }

        var row = await store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<Row>(
            new CommandDefinition(ById, new { Id = attachmentId, ComplaintId = id }, cancellationToken: ct)), ct);
        if (row is null)
        {
            return Problems.NotFound("attachment");
        }

        await ConsumerAccess.RecordAsync(store, audit, accessLog, caller, time.GetUtcNow(),
            new AuditEntry("complaint.attachment-downloaded", "complaint", complaint.Id.ToString(), null, new { AttachmentId = row.Id, row.Sha256 }),
            "complaint:" + complaint.Reference, complaint.Reference, AccessAction.View, ct, Documents);
        var binding = row.Id.ToString();
        var bytes = Convert.FromBase64String(store.Consumers.Protector.Unprotect(row.Content, new FieldBinding(Table, "content", binding)));
        var name = store.Consumers.Protector.Unprotect(row.FileName, new FieldBinding(Table, "file_name", binding));
        return TypedResults.File(bytes, row.ContentType, name);
    }

    private static AttachmentView View(Row r, string fileName) =>
        new(r.Id, r.ComplaintId, fileName, r.ContentType, r.SizeBytes, r.Sha256, r.UploadedAt, r.UploadedBy);

    private static ProblemHttpResult TooLarge(long max) =>
        Problems.Status(StatusCodes.Status413PayloadTooLarge, "The file is too large.",
            $"file: at most {max} bytes (Complaints:AttachmentMaxBytes).", new Dictionary<string, object?> { ["field"] = "file" });
}
