using ConsumerProtection.Modules.DisclosureReview.Checking;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>A stored product (Dapper row; enums kept as their names and read back strictly).</summary>
internal sealed class ProductRow
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string ProductType { get; set; } = "";

    public bool PrincipalProtected { get; set; }

    public string RiskGrade { get; set; } = "";

    public string TargetCustomers { get; set; } = "";

    public string SalesChannels { get; set; } = "";

    public string DepartmentId { get; set; } = "";

    public string Status { get; set; } = "";

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? LaunchedAt { get; set; }

    public DateTimeOffset? RetiredAt { get; set; }

    public ProductStatus StatusValue => Stored<ProductStatus>(Status, "status");

    public ProductType TypeValue => Stored<ProductType>(ProductType, "productType");

    public RiskGrade GradeValue => Stored<RiskGrade>(RiskGrade, "riskGrade");

    public IReadOnlyList<SalesChannel> ChannelValues =>
        SalesChannels.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => Stored<SalesChannel>(c, "salesChannels")).ToList();

    /// <summary>What the automatic checks need to know about this product for a document of <paramref name="type"/>.</summary>
    public CheckSubject Subject(DocumentType type) => new(TypeValue, PrincipalProtected, GradeValue, type);

    private static T Stored<T>(string value, string field) where T : struct, Enum => StrictEnum.FromStored<T>(value, field);
}

/// <summary>A product as the API shows it; its ETag is the version. <c>id</c> names it for legal holds (record type disclosure-product).</summary>
internal sealed record ProductView(
    Guid Id, string Code, string Name, ProductType ProductType, bool PrincipalProtected, RiskGrade RiskGrade, string TargetCustomers,
    IReadOnlyList<SalesChannel> SalesChannels, string OwnerDepartment, ProductStatus Status, long Version, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? LaunchedAt, DateTimeOffset? RetiredAt)
{
    public static ProductView From(ProductRow r) => new(
        r.Id, r.Code, r.Name, r.TypeValue, r.PrincipalProtected, r.GradeValue, r.TargetCustomers, r.ChannelValues, r.DepartmentId, r.StatusValue,
        r.Version, r.CreatedAt, r.UpdatedAt, r.LaunchedAt, r.RetiredAt);
}
