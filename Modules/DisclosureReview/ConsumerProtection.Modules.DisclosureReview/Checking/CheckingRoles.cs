using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>Who may check drafts, read rule sets and edit them (the reviewed matrix is in the module README).</summary>
internal static class CheckingRoles
{
    public static readonly Role[] Checkers = [Role.ComplianceOfficer, Role.ProductManager, Role.Admin];

    public static readonly Role[] RuleReaders = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin];

    public static readonly Role[] RuleEditors = [Role.ComplianceOfficer];
}
