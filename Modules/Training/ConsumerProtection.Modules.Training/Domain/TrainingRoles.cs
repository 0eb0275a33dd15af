using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.Training.Domain;

/// <summary>
/// Who may do what (the reviewed matrix is in the module README and RoleMatrix.txt): training administrators
/// maintain everything; a branch manager reads its own branch; auditors and Admin read.
/// </summary>
internal static class TrainingRoles
{
    public static readonly Role[] Writers = [Role.TrainingAdmin];

    public static readonly Role[] Readers = [Role.TrainingAdmin, Role.Auditor, Role.Admin, Role.BranchManager];

    /// <summary>Readers of the whole bank (a branch manager sees only its branch).</summary>
    public static bool SeesAll(Caller caller) => caller.Has(Role.TrainingAdmin) || caller.Has(Role.Auditor) || caller.Has(Role.Admin);

    /// <summary>The branch a caller is limited to, or null when it sees every branch.</summary>
    public static string? BranchScope(Caller caller) => SeesAll(caller) ? null : caller.BranchId ?? "\u0000none";

    /// <summary>True when the caller may see staff in <paramref name="branchId"/>.</summary>
    public static bool CanSee(Caller caller, string branchId) => SeesAll(caller) || (caller.Has(Role.BranchManager) && caller.BranchId == branchId);

    /// <summary>Names are shown only to training administrators and to the branch's own manager (plan 6 art. 39; PIPL art. 6, minimum necessary).</summary>
    public static bool SeesNames(Caller caller, string branchId) =>
        caller.Has(Role.TrainingAdmin) || (caller.Has(Role.BranchManager) && caller.BranchId == branchId);
}
