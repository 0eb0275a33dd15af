using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.Training.Infrastructure;

/// <summary>
/// Records a read of staff names in the bank-wide personal-information access log (PIPL art. 51; plan 6 art. 39's
/// training records hold employees' personal data), when that module is present. Staff are referred to by staff id.
/// </summary>
internal static class StaffAccess
{
    public const string SourceSystem = "consumer-protection/training";

    private static readonly (string, DataTier)[] Categories = [("name", DataTier.C2)];

    // subject: whose data (staff:{id}, or a list reference for a page of several staff); business: what showed it.
    public static async Task RecordAsync(IServiceProvider services, Caller caller, DateTimeOffset now, string subject, string business,
        AccessAction action, CancellationToken ct)
    {
        if (services.GetService<IPersonalInfoAccessLog>() is not { } log)
        {
            return;
        }

        await log.RecordAsync(new PersonalInfoAccess.Contracts.PersonalInfoAccess(
            Guid.CreateVersion7(now), now, caller.Id, caller.BranchId, caller.DepartmentId, SourceSystem, subject, Categories,
            action, AccessPurpose.Other, business, LegalBasis.Contract)
        {
            PurposeText = "Staff consumer-protection training administration (plan 6 art. 39).",
            StaffRole = string.Join(',', caller.Roles.Order()),
            Channel = "internal-api",
        }, ct);
    }
}
