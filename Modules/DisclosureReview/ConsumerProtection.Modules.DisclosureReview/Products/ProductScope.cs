using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>
/// Who sees which product (plan 6 art. 11(7): the product department owns its products, compliance reviews all):
/// ComplianceOfficer, Auditor, SystemClient and Admin see every product; a ProductManager only its own department's
/// (department claim of the key or token). Outside the scope a product answers 404.
/// </summary>
internal static class ProductScope
{
    public static bool SeesAll(Caller caller) =>
        caller.Has(Role.ComplianceOfficer) || caller.Has(Role.Auditor) || caller.Has(Role.Admin) || caller.Has(Role.SystemClient);

    public static bool CanSee(Caller caller, ProductRow row) => SeesAll(caller) || OwnsDepartment(caller, row.DepartmentId);

    /// <summary>A ProductManager of <paramref name="department"/>.</summary>
    public static bool OwnsDepartment(Caller caller, string department) =>
        caller.Has(Role.ProductManager) && caller.DepartmentId is { } d && d == department;

    /// <summary>The department filter for lists: null when the caller sees all, else the own department ("" if none: sees nothing).</summary>
    public static string? DepartmentFilter(Caller caller) => SeesAll(caller) ? null : caller.DepartmentId ?? "";
}
