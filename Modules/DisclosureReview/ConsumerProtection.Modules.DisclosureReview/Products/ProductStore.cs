using System.Data.Common;
using ConsumerProtection.Shared.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>Product rows: read and written inside a caller's transaction (Dapper, parameters only).</summary>
internal sealed class ProductStore([FromKeyedServices(DisclosureReviewModule.SchemaName)] IModuleDb db)
{
    internal const string Columns = """
        id AS Id, code AS Code, name AS Name, product_type AS ProductType, principal_protected AS PrincipalProtected,
        risk_grade AS RiskGrade, target_customers AS TargetCustomers, sales_channels AS SalesChannels, department_id AS DepartmentId,
        status AS Status, version AS Version, created_at AS CreatedAt, created_by AS CreatedBy, updated_at AS UpdatedAt,
        launched_at AS LaunchedAt, retired_at AS RetiredAt
        """;

    internal const string ByCodeSql = "SELECT " + Columns + " FROM [disclosure].[product] WHERE code = @Code";

    internal const string ByIdSql = "SELECT " + Columns + " FROM [disclosure].[product] WHERE id = @Id";

    internal const string InsertSql = """
        INSERT INTO [disclosure].[product] (id, code, name, product_type, principal_protected, risk_grade, target_customers, sales_channels,
            department_id, status, version, created_at, created_by, updated_at, launched_at, retired_at)
        VALUES (@Id, @Code, @Name, @ProductType, @PrincipalProtected, @RiskGrade, @TargetCustomers, @SalesChannels,
            @DepartmentId, @Status, @Version, @CreatedAt, @CreatedBy, @UpdatedAt, @LaunchedAt, @RetiredAt)
        """;

    // Optimistic: only the version that was read is replaced.
    internal const string UpdateSql = """
        UPDATE [disclosure].[product]
        SET name = @Name, product_type = @ProductType, principal_protected = @PrincipalProtected, risk_grade = @RiskGrade,
            target_customers = @TargetCustomers, sales_channels = @SalesChannels, status = @Status, version = @Version,
            updated_at = @UpdatedAt, launched_at = @LaunchedAt, retired_at = @RetiredAt
        WHERE id = @Id AND version = @Expected
        """;

    internal const string ListSql = """
        SELECT id AS Id, code AS Code, name AS Name, product_type AS ProductType, principal_protected AS PrincipalProtected,
            risk_grade AS RiskGrade, target_customers AS TargetCustomers, sales_channels AS SalesChannels, department_id AS DepartmentId,
            status AS Status, version AS Version, created_at AS CreatedAt, created_by AS CreatedBy, updated_at AS UpdatedAt,
            launched_at AS LaunchedAt, retired_at AS RetiredAt
        FROM [disclosure].[product]
        WHERE (@Department IS NULL OR department_id = @Department) AND (@Status IS NULL OR status = @Status)
          AND (@ProductType IS NULL OR product_type = @ProductType) AND (@RiskGrade IS NULL OR risk_grade = @RiskGrade)
        ORDER BY code
        """;

    internal const string CountSql = """
        SELECT COUNT(*) FROM [disclosure].[product]
        WHERE (@Department IS NULL OR department_id = @Department) AND (@Status IS NULL OR status = @Status)
          AND (@ProductType IS NULL OR product_type = @ProductType) AND (@RiskGrade IS NULL OR risk_grade = @RiskGrade)
        """;

    // A change under the product (a new document version, a waiver) moves the launch gate's answer: the version says so.
    internal const string TouchSql = "UPDATE [disclosure].[product] SET version = version + 1, updated_at = @Now WHERE id = @Id";

    internal const string CodeTakenSql = "SELECT COUNT(*) FROM [disclosure].[product] WHERE code = @Code";

    public IModuleDb Db => db;

    public static Task<ProductRow?> ByCodeAsync(DbConnection c, DbTransaction? tx, string code, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(ByCodeSql, new { Code = code }, tx, cancellationToken: ct));

    public static Task<ProductRow?> ByIdAsync(DbConnection c, DbTransaction? tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(ByIdSql, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>One product by code on a kept-prepared statement (the launch gate's hot path).</summary>
    public Task<ProductRow?> ReadAsync(string code, CancellationToken ct) => db.QueryFirstPreparedAsync<ProductRow>(ByCodeSql, [("Code", code)], ct);

    public static Task InsertAsync(DbConnection c, DbTransaction tx, ProductRow row, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(InsertSql, row, tx, cancellationToken: ct));

    /// <summary>Writes <paramref name="row"/> (whose Version is already the next one) if the stored version is still <paramref name="expected"/>.</summary>
    public static async Task<bool> UpdateAsync(DbConnection c, DbTransaction tx, ProductRow row, long expected, CancellationToken ct) =>
        await c.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            row.Id, row.Name, row.ProductType, row.PrincipalProtected, row.RiskGrade, row.TargetCustomers, row.SalesChannels, row.Status,
            row.Version, row.UpdatedAt, row.LaunchedAt, row.RetiredAt, Expected = expected,
        }, tx, cancellationToken: ct)) == 1;

    public static Task TouchAsync(DbConnection c, DbTransaction tx, Guid id, DateTimeOffset now, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(TouchSql, new { Id = id, Now = now }, tx, cancellationToken: ct));

    public static async Task<bool> CodeTakenAsync(DbConnection c, DbTransaction tx, string code, CancellationToken ct) =>
        await c.ExecuteScalarAsync<long>(new CommandDefinition(CodeTakenSql, new { Code = code }, tx, cancellationToken: ct)) > 0;
}
