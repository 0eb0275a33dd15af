using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Documents;
using ConsumerProtection.Modules.DisclosureReview.Domain;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Modules.DisclosureReview.Reviews;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.DisclosureReview.ProductDocuments;

internal static partial class ProductDocumentsEndpoints
{
    internal sealed record DiffView(Guid DocumentId, int FromVersion, int ToVersion, int FromParagraphs, int ToParagraphs, IReadOnlyList<ParagraphDelta> Changes);

    private const string Versions = Documents + "/{documentId:guid}/versions";

    private static void MapVersions(RouteGroupBuilder group)
    {
        var max = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<DisclosureOptions>>().Value.MaxDocumentBytes;
        group.MapPost(Versions, UploadAsync).RequireRoles(ProductsEndpoints.Owners)
            .WithMetadata(new RequestSizeLimitAttribute(max + CheckingEndpoints.FormOverhead))
            .Accepts<VersionTextRequest>("application/json", "multipart/form-data")
            .WithName("UploadDisclosureDocumentVersion").WithSummary("Upload a new document version")
            .WithDescription("JSON text or one multipart file (.txt, .md, .docx, text PDF; type sniffed from the bytes). Keeps the bytes and SHA-256, "
                + "checks the text with the current rule set and stores the findings. A new version voids the product's approval. 413 over Disclosure:MaxDocumentBytes.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet(Versions + "/{number:int}", GetVersionAsync).RequireRoles(ProductsEndpoints.Readers)
            .WithName("GetDisclosureDocumentVersion").WithSummary("Get a document version")
            .WithDescription("Metadata, SHA-256, the rule-set version it was checked with, its findings and waivers.");
        group.MapGet(Versions + "/{number:int}/original", OriginalAsync).RequireRoles(ProductsEndpoints.Readers)
            .WithName("GetDisclosureDocumentOriginal").WithSummary("Download a version's original bytes")
            .WithDescription("The bytes as uploaded (application/octet-stream), with their SHA-256 in the ETag.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream");
        group.MapGet(Versions + "/{number:int}/diff", DiffAsync).RequireRoles(ProductsEndpoints.Readers)
            .WithName("DiffDisclosureDocumentVersions").WithSummary("Compare two versions by paragraph")
            .WithDescription("What changed from version `against` to this one: added, removed and changed paragraphs with their numbers in each version.");
    }

    private static async Task<Results<Created<VersionView>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        string code, Guid documentId, HttpRequest request, HttpContext http, DocumentReader reader, RuleSetStore rules, ProductStore store,
        ProductChanges changes, IAuditWriter audit, IOptions<DisclosureOptions> options, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var product = await store.ReadAsync(code, ct);
        if (product is null || !MayWrite(caller, product))
        {
            return Problems.NotFound("product");
        }

        VersionUpload.Parsed parsed;
        try
        {
            parsed = await VersionUpload.ReadAsync(request, reader, options.Value.MaxDocumentBytes, ct);
        }
        catch (DocumentRefusedException e)
        {
            return CheckingEndpoints.Refused(e);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Status(413, "The request body is too large.", e.Message);
        }

        if (!parsed.Errors.IsValid)
        {
            return parsed.Errors.ToProblem();
        }

        var set = await rules.CurrentAsync(ct);
        var now = time.GetUtcNow();
        return await store.Db.InTransactionAsync<Results<Created<VersionView>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            product = await ProductStore.ByCodeAsync(c, tx, code, ct);
            var document = product is null ? null : await DocumentStore.DocumentAsync(c, tx, product.Id, documentId, ct);
            if (product is null || !MayWrite(caller, product) || document is null)
            {
                return Problems.NotFound(product is null ? "product" : "document");
            }

            var status = product.StatusValue;
            if (ProductLifecycle.Machine.Check(status, ProductAction.AddDocument) is { } notAllowed)
            {
                return notAllowed;
            }

            var number = document.LatestVersion + 1;
            if (await c.ExecuteAsync(new CommandDefinition(DocumentStore.NextVersionSql, new { Id = document.Id, Expected = document.LatestVersion }, tx, cancellationToken: ct)) != 1)
            {
                return Problems.Conflict("Another version of this document was uploaded at the same time; read it and upload again.");
            }

            var findings = Checker.Check(set, parsed.Document!, product.Subject(document.TypeValue));
            var row = new VersionRow
            {
                DocumentId = document.Id, Number = number, FileName = parsed.FileName, Format = parsed.Document!.Format.ToString(),
                ByteLength = parsed.Original!.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(parsed.Original)),
                Paragraphs = parsed.Document.Paragraphs.Count, RuleSetVersion = set.Version,
                Findings = JsonSerializer.Serialize(findings, JsonDefaults.Options), Blockers = findings.Count(f => f.Severity == Severity.Blocker),
                UploadedAt = now, UploadedBy = caller.Id,
            };
            await c.ExecuteAsync(new CommandDefinition(DocumentStore.InsertVersionSql, new
            {
                row.DocumentId, row.Number, row.FileName, row.Format, row.ByteLength, row.Sha256, parsed.Original, ExtractedText = parsed.Document.Text,
                row.Paragraphs, row.RuleSetVersion, row.Findings, row.Blockers, row.UploadedAt, row.UploadedBy,
            }, tx, cancellationToken: ct));

            // Never the text: the hash, size and finding counts say what was stored.
            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("document.version-uploaded", "document", document.Id.ToString(), null, new
            {
                ProductCode = product.Code, Version = number, row.Sha256, row.ByteLength, row.Format, row.RuleSetVersion, Findings = findings.Count, row.Blockers,
            }), ct);

            await c.ExecuteAsync(new CommandDefinition(ReviewStore.DocumentsChangedSql, new { ProductId = product.Id }, tx, cancellationToken: ct));

            // An approval binds to the exact versions: any new version voids it and the product returns to draft.
            if (await Approvals.VoidAsync(c, tx, store.Db, audit, product.Id, $"new version {number} of document {document.Id}", now, ct) && status == ProductStatus.Approved)
            {
                var before = ProductView.From(product);
                product.Status = nameof(ProductStatus.Draft);
                await changes.SaveAsync(c, tx, product, before, "product.approval-voided", now, ct);
            }
            else
            {
                await ProductStore.TouchAsync(c, tx, product.Id, now, ct);
            }

            return TypedResults.Created(
                $"/api/v1/disclosure/products/{product.Code}/documents/{document.Id}/versions/{number.ToString(CultureInfo.InvariantCulture)}", VersionView.From(row, []));
        }, ct);
    }

    private static async Task<Results<Ok<VersionView>, ProblemHttpResult>> GetVersionAsync(
        string code, Guid documentId, int number, HttpContext http, ProductStore store, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var view = await store.Db.ReadAsync(async c =>
        {
            if (await VisibleDocumentAsync(c, caller, code, documentId, ct) is null || await DocumentStore.VersionAsync(c, null, documentId, number, ct) is not { } row)
            {
                return null;
            }

            return VersionView.From(row, await DocumentStore.WaiversAsync(c, null, documentId, number, ct));
        }, ct);
        return view is null ? Problems.NotFound("document version") : TypedResults.Ok(view);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OriginalAsync(
        string code, Guid documentId, int number, HttpContext http, ProductStore store, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var found = await store.Db.ReadAsync(async c =>
        {
            if (await VisibleDocumentAsync(c, caller, code, documentId, ct) is null || await DocumentStore.VersionAsync(c, null, documentId, number, ct) is not { } row)
            {
                return ((byte[], VersionRow)?)null;
            }

            var bytes = await c.ExecuteScalarAsync<byte[]>(new CommandDefinition(DocumentStore.OriginalSql, new { DocumentId = documentId, Number = number }, cancellationToken: ct));
            return (bytes!, row);
        }, ct);
        if (found is not { } f)
        {
            return Problems.NotFound("document version");
        }

        http.Response.Headers.ETag = $"\"{f.Item2.Sha256}\"";
        return TypedResults.File(f.Item1, "application/octet-stream", f.Item2.FileName);
    }

    private static async Task<Results<Ok<DiffView>, ValidationProblem, ProblemHttpResult>> DiffAsync(
        string code, Guid documentId, int number, int? against, HttpContext http, ProductStore store, CancellationToken ct)
    {
        if (against is not > 0 || against == number)
        {
            return new Validation().Add("against", against == number
                ? "must be another version than the one compared (a version does not differ from itself)."
                : "is required: the version number to compare with.").ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var texts = await store.Db.ReadAsync(async c =>
        {
            if (await VisibleDocumentAsync(c, caller, code, documentId, ct) is null)
            {
                return null;
            }

            var from = await c.ExecuteScalarAsync<string?>(new CommandDefinition(DocumentStore.TextSql, new { DocumentId = documentId, Number = against.Value }, cancellationToken: ct));
            var to = await c.ExecuteScalarAsync<string?>(new CommandDefinition(DocumentStore.TextSql, new { DocumentId = documentId, Number = number }, cancellationToken: ct));
            return from is null || to is null ? null : new[] { from, to };
        }, ct);
        if (texts is null)
        {
            return Problems.NotFound("document version");
        }

        var a = texts[0].Split('\n');
        var b = texts[1].Split('\n');
        return TypedResults.Ok(new DiffView(documentId, against.Value, number, a.Length, b.Length, ParagraphDiff.Compute(a, b)));
    }

    private static async Task<DocumentRow?> VisibleDocumentAsync(System.Data.Common.DbConnection c, Caller caller, string code, Guid documentId, CancellationToken ct)
    {
        var product = await ProductStore.ByCodeAsync(c, null, code, ct);
        return product is null || !ProductScope.CanSee(caller, product) ? null : await DocumentStore.DocumentAsync(c, null, product.Id, documentId, ct);
    }
}
