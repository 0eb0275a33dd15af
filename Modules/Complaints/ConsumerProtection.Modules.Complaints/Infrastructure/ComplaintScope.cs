using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// Who sees which complaint (plan 6: 首问负责制 and handling responsibility). Supervisor and Admin: all. Handler: assigned to them or to their
/// department. Teller: their own branch. Anything else: none. Outside the scope a complaint answers 404.
/// </summary>
internal static class ComplaintScope
{
    public static bool CanSee(Caller caller, ComplaintRow row) =>
        SeesAll(caller)
        || (caller.Has(Role.ComplaintHandler) && (row.HandlerId == caller.Id || (caller.DepartmentId is not null && row.DepartmentId == caller.DepartmentId)))
        || (caller.Has(Role.Teller) && caller.BranchId is not null && row.BranchId == caller.BranchId);

    /// <summary>Supervisors and Admin see every complaint.</summary>
    public static bool SeesAll(Caller caller) => caller.Has(Role.ComplaintSupervisor) || caller.Has(Role.Admin);

    /// <summary>
    /// The repeat link as the caller may see it, as a select expression over <c>[complaints].[complaint]</c>: the
    /// earlier complaint's id only when that complaint is in the caller's scope, else NULL. A teller of another
    /// branch filing for the same phone must not learn that the number complained elsewhere.
    /// </summary>
    public static string RepeatOf(Caller caller) =>
        SeesAll(caller)
            ? "repeat_of_id"
            : "(SELECT s.id FROM [complaints].[complaint] s WHERE s.id = [complaints].[complaint].repeat_of_id AND " + Filter(caller) + ")";

    /// <summary>True when the caller may see <paramref name="row"/>'s repeat link (it has none, or the earlier complaint is in scope).</summary>
    public static async Task<bool> RepeatVisibleAsync(Caller caller, ComplaintRow row, Func<Guid, Task<ComplaintRow?>> load) =>
        row.RepeatOfId is not { } earlier || SeesAll(caller) || (await load(earlier) is { } other && CanSee(caller, other));

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
