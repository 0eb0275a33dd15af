using System.Text.RegularExpressions;
using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>
/// Products under review (plan 6 arts. 20–22): created and edited while draft by their department's product manager,
/// read by compliance, audit and admin; launch, suspension and retirement are recorded by the product system.
/// </summary>
internal static partial class ProductsEndpoints
{
    public static readonly Role[] Readers = [Role.ComplianceOfficer, Role.Auditor, Role.Admin, Role.ProductManager];

    /// <summary>One product by code: the readers and the product system, which needs its ETag to record a launch.</summary>
    public static readonly Role[] ProductReaders = [Role.ComplianceOfficer, Role.Auditor, Role.SystemClient, Role.Admin, Role.ProductManager];

    public static readonly Role[] Owners = [Role.Admin, Role.ProductManager];

    public static readonly Role[] ProductSystems = [Role.SystemClient, Role.Admin];

    internal sealed record CreateProductRequest(
        string? Code, string? Name, ProductType? ProductType, bool? PrincipalProtected, RiskGrade? RiskGrade, string? TargetCustomers,
        IReadOnlyList<SalesChannel>? SalesChannels, string? OwnerDepartment)
    {
        /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
        internal const string Example = """
            {
              "code": "WM-2026-001",
              "name": "稳健理财 2026 第 1 期",
              "productType": "WealthManagement",
              "principalProtected": false,
              "riskGrade": "R2",
              "targetCustomers": "风险承受能力 C2 及以上的个人客户",
              "salesChannels": [ "Counter", "Online" ],
              "ownerDepartment": "wealth-management"
            }
            """;
    }

    internal sealed record UpdateProductRequest(
        string? Name, ProductType? ProductType, bool? PrincipalProtected, RiskGrade? RiskGrade, string? TargetCustomers, IReadOnlyList<SalesChannel>? SalesChannels);

    internal sealed record ProductFilter(ProductStatus? Status, ProductType? ProductType, RiskGrade? RiskGrade, string? OwnerDepartment);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/products", CreateAsync).RequireRoles(Owners).WithIdempotency()
            .WithName("CreateDisclosureProduct").WithSummary("Create a product")
            .WithDescription("Creates a draft product. A ProductManager creates products of its own department only (ownerDepartment defaults to it). 409 when the code is taken.");
        group.MapGet("/products", ListAsync).RequireRoles(Readers)
            .WithName("ListDisclosureProducts").WithSummary("List products")
            .WithDescription("Products in the caller's scope, by code, paged; filters status, productType, riskGrade, ownerDepartment.");
        group.MapGet("/products/{code}", GetAsync).RequireRoles(ProductReaders)
            .WithName("GetDisclosureProduct").WithSummary("Get a product").WithDescription("One product with its ETag; 404 outside the caller's department.");
        group.MapPut("/products/{code}", UpdateAsync).RequireRoles(Owners)
            .WithName("UpdateDisclosureProduct").WithSummary("Update a draft product")
            .WithDescription("Replaces the editable fields of a draft product. Requires If-Match (428 without, 412 stale); 409 with allowedActions outside Draft.");
        MapLifecycle(group);
    }

    private static async Task<Results<Created<ProductView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateProductRequest body, HttpContext http, ProductStore store, IAuditWriter audit, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var v = new Validation();
        v.Check(body.Code is not null && CodeFormat().IsMatch(body.Code), "code", "is required: 3–32 characters, upper-case letters, digits and '-', starting with a letter.");
        var department = body.OwnerDepartment ?? (caller.Has(Role.Admin) ? null : caller.DepartmentId);
        if (department is null || !DepartmentFormat().IsMatch(department))
        {
            v.Add("ownerDepartment", "is required: 1–50 letters, digits, '_' or '-'.");
        }
        else if (!caller.Has(Role.Admin) && !ProductScope.OwnsDepartment(caller, department))
        {
            v.Add("ownerDepartment", "must be your own department.");
        }

        ValidateFields(v, body.Name, body.ProductType, body.PrincipalProtected, body.RiskGrade, body.TargetCustomers, body.SalesChannels);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var now = time.GetUtcNow();
        var row = new ProductRow
        {
            Id = Guid.CreateVersion7(), Code = body.Code!, DepartmentId = department!, Status = nameof(ProductStatus.Draft), Version = 1,
            CreatedAt = now, CreatedBy = caller.Id, UpdatedAt = now,
        };
        Apply(row, body.Name!, body.ProductType!.Value, body.PrincipalProtected!.Value, body.RiskGrade!.Value, body.TargetCustomers!, body.SalesChannels!);
        return await store.Db.InTransactionAsync<Results<Created<ProductView>, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            if (await ProductStore.CodeTakenAsync(c, tx, row.Code, ct))
            {
                return Problems.Conflict($"A product with code {row.Code} exists already.");
            }

            await ProductStore.InsertAsync(c, tx, row, ct);
            var view = ProductView.From(row);
            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("product.created", "product", row.Id.ToString(), null, view), ct);
            http.Response.Headers.ETag = ETags.For(row.Version);
            return TypedResults.Created($"/api/v1/disclosure/products/{row.Code}", view);
        }, ct);
    }

    private static async Task<Results<Ok<Page<ProductView>>, ValidationProblem>> ListAsync(
        [AsParameters] ProductFilter f, int? page, int? pageSize, HttpContext http, ProductStore store, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        v.Text("ownerDepartment", f.OwnerDepartment, 50, required: false);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var scope = ProductScope.DepartmentFilter(Caller.From(http.User)!);
        if (scope is not null && f.OwnerDepartment is not null && f.OwnerDepartment != scope)
        {
            return TypedResults.Ok(paging.Of<ProductView>([], 0));
        }

        var args = new DynamicParameters(new
        {
            Department = scope ?? f.OwnerDepartment, Status = f.Status?.ToString(), ProductType = f.ProductType?.ToString(),
            RiskGrade = f.RiskGrade?.ToString(), paging.Offset, Limit = paging.PageSize,
        });
        var (rows, total) = await store.Db.ReadAsync(async c => (
            (await c.QueryAsync<ProductRow>(new CommandDefinition(ProductStore.ListSql + " " + store.Db.Dialect.Page, args, cancellationToken: ct))).AsList(),
            await c.ExecuteScalarAsync<long>(new CommandDefinition(ProductStore.CountSql, args, cancellationToken: ct))), ct);
        return TypedResults.Ok(paging.Of(rows, ProductView.From, r => r.Code, total));
    }

    private static async Task<Results<Ok<ProductView>, ProblemHttpResult>> GetAsync(string code, HttpContext http, ProductStore store, CancellationToken ct)
    {
        var row = await store.ReadAsync(code, ct);
        if (row is null || !ProductScope.CanSee(Caller.From(http.User)!, row))
        {
            return Problems.NotFound("product");
        }

        http.Response.Headers.ETag = ETags.For(row.Version);
        return TypedResults.Ok(ProductView.From(row));
    }

    private static Task<Results<Ok<ProductView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string code, UpdateProductRequest body, HttpContext http, ProductChanges changes, CancellationToken ct)
    {
        var v = new Validation();
        ValidateFields(v, body.Name, body.ProductType, body.PrincipalProtected, body.RiskGrade, body.TargetCustomers, body.SalesChannels);
        return changes.ApplyAsync(code, http, ProductAction.Update, v, (row, x) =>
        {
            if (!x.Caller.Has(Role.Admin) && !ProductScope.OwnsDepartment(x.Caller, row.DepartmentId))
            {
                return Task.FromResult<ProblemHttpResult?>(Problems.NotFound("product"));
            }

            Apply(row, body.Name!, body.ProductType!.Value, body.PrincipalProtected!.Value, body.RiskGrade!.Value, body.TargetCustomers!, body.SalesChannels!);
            return Task.FromResult<ProblemHttpResult?>(null);
        }, ct);
    }

    private static void ValidateFields(
        Validation v, string? name, ProductType? type, bool? principal, RiskGrade? grade, string? customers, IReadOnlyList<SalesChannel>? channels)
    {
        v.Text("name", name, 200);
        v.Required("productType", type);
        v.Required("principalProtected", principal);
        v.Required("riskGrade", grade);
        v.Text("targetCustomers", customers, 500, multiline: true);
        v.Check(channels is { Count: > 0 }, "salesChannels", "is required: one or more of Counter, Online, Phone, ThirdParty.");
        v.Check(channels is null || channels.Distinct().Count() == channels.Count, "salesChannels", "must not repeat a channel.");
    }

    private static void Apply(
        ProductRow row, string name, ProductType type, bool principal, RiskGrade grade, string customers, IReadOnlyList<SalesChannel> channels)
    {
        row.Name = name;
        row.ProductType = type.ToString();
        row.PrincipalProtected = principal;
        row.RiskGrade = grade.ToString();
        row.TargetCustomers = customers;
        row.SalesChannels = string.Join(',', channels.Order());
    }

    // \z, not $: $ also matches before a final line feed, which would let "ABC-1\n" through.
    [GeneratedRegex(@"^[A-Z][A-Z0-9-]{2,31}\z")]
    private static partial Regex CodeFormat();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,50}\z")]
    private static partial Regex DepartmentFormat();
}
