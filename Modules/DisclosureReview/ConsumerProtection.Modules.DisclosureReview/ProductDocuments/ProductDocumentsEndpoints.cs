using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.DisclosureReview.ProductDocuments;

/// <summary>
/// A product's documents and their versions (plan 6 art. 21: business rules, fees, contract clauses and promotional
/// texts are reviewed): each upload is kept as sent (bytes, SHA-256), its text extracted and checked at once with the
/// current rule set. The upload, version and diff endpoints are in the dotted parts.
/// </summary>
internal static partial class ProductDocumentsEndpoints
{
    internal sealed record CreateDocumentRequest(DocumentType? DocumentType, string? Language, string? Title);

    private const string Documents = "/products/{code}/documents";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost(Documents, CreateAsync).RequireRoles(ProductsEndpoints.Owners).WithIdempotency()
            .WithName("CreateDisclosureDocument").WithSummary("Add a document to a product")
            .WithDescription("Adds a document (type and language zh or en) to a product of the caller's department; its content comes as versions. 409 once the product is launched or retired.");
        group.MapGet(Documents, ListAsync).RequireRoles(ProductsEndpoints.Readers)
            .WithName("ListDisclosureDocuments").WithSummary("List a product's documents").WithDescription("The product's documents with their latest version numbers.");
        MapVersions(group);
    }

    private static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string code, CreateDocumentRequest body, HttpContext http, ProductStore store, IAuditWriter audit, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        v.Required("documentType", body.DocumentType);
        v.Check(body.Language is "zh" or "en", "language", "must be zh or en.");
        v.Text("title", body.Title, 200);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        return await store.Db.InTransactionAsync<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            var product = await ProductStore.ByCodeAsync(c, tx, code, ct);
            if (product is null || !MayWrite(caller, product))
            {
                return Problems.NotFound("product");
            }

            if (ProductLifecycle.Machine.Check(product.StatusValue, ProductAction.AddDocument) is { } notAllowed)
            {
                return notAllowed;
            }

            var row = new DocumentRow
            {
                Id = Guid.CreateVersion7(), ProductId = product.Id, DocumentType = body.DocumentType!.Value.ToString(), Language = body.Language!,
                Title = body.Title!, LatestVersion = 0, CreatedAt = now, CreatedBy = caller.Id,
            };
            await c.ExecuteAsync(new CommandDefinition(DocumentStore.InsertDocumentSql, row, tx, cancellationToken: ct));
            var view = DocumentView.From(row);
            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("document.created", "document", row.Id.ToString(), null,
                new { ProductCode = product.Code, view.DocumentType, view.Language }), ct);
            return TypedResults.Created($"/api/v1/disclosure/products/{product.Code}/documents/{row.Id}", view);
        }, ct);
    }

    private static async Task<Results<Ok<IReadOnlyList<DocumentView>>, ProblemHttpResult>> ListAsync(string code, HttpContext http, ProductStore store, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var result = await store.Db.ReadAsync(async c =>
        {
            var product = await ProductStore.ByCodeAsync(c, null, code, ct);
            return product is null || !ProductScope.CanSee(caller, product) ? null : await DocumentStore.DocumentsAsync(c, null, product.Id, ct);
        }, ct);
        return result is null ? Problems.NotFound("product") : TypedResults.Ok<IReadOnlyList<DocumentView>>(result.Select(DocumentView.From).ToList());
    }

    /// <summary>Writers: a ProductManager of the owner department, or Admin.</summary>
    internal static bool MayWrite(Caller caller, ProductRow product) => caller.Has(Role.Admin) || ProductScope.OwnsDepartment(caller, product.DepartmentId);
}
