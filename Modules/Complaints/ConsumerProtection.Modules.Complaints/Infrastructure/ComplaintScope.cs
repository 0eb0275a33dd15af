using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// Who sees which complaint (issue: scope). Supervisor and Admin: all. Handler: assigned to them or to their
/// department. Teller: their own branch. Anything else: none. Outside the scope a complaint answers 404.
/// </summary>
internal static class ComplaintScope
{
    public static bool CanSee(Caller caller, ComplaintRow row) =>
        caller.Has(Role.ComplaintSupervisor) || caller.Has(Role.Admin)
        || (caller.Has(Role.ComplaintHandler) && (row.HandlerId == caller.Id || (caller.DepartmentId is not null && row.DepartmentId == caller.DepartmentId)))
        || (caller.Has(Role.Teller) && caller.BranchId is not null && row.BranchId == caller.BranchId);

    /// <summary>A WHERE fragment (parameters <c>@ScopeCaller</c>, <c>@ScopeDepartment</c>, <c>@ScopeBranch</c>) limiting rows to the caller's scope.</summary>
    public static string Filter(Caller caller)
    {
        if (caller.Has(Role.ComplaintSupervisor) || caller.Has(Role.Admin))
        {
            return "1 = 1";
        }

        var parts = new List<string>();
        if (caller.Has(Role.ComplaintHandler))
        {
            parts.Add("handler_id = @ScopeCaller");
            if (caller.DepartmentId is not null)
            {
                parts.Add("department_id = @ScopeDepartment");
            }
        }

        if (caller.Has(Role.Teller) && caller.BranchId is not null)
        {
            parts.Add("branch_id = @ScopeBranch");
        }

        return parts.Count == 0 ? "1 = 0" : "(" + string.Join(" OR ", parts) + ")";
    }

    public static object Args(Caller caller) => new { ScopeCaller = caller.Id, ScopeDepartment = caller.DepartmentId, ScopeBranch = caller.BranchId };

    /// <summary>Roles that may read a consumer's personal details.</summary>
    public static bool MaySeeConsumer(Caller caller) =>
        caller.Has(Role.Teller) || caller.Has(Role.ComplaintHandler) || caller.Has(Role.ComplaintSupervisor) || caller.Has(Role.Admin);
}
