using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary>Who may act on alerts and flags (privacy officers, Admin) and who may read them (plus auditors).</summary>
internal static class MisuseRoles
{
    public static readonly Role[] Writers = [Role.PrivacyOfficer, Role.Admin];

    public static readonly Role[] Readers = [Role.PrivacyOfficer, Role.Admin, Role.Auditor];

    /// <summary>An enumeration name, exactly (no numbers, no case folding), or a field error.</summary>
    public static T? ParseEnum<T>(Validation v, string field, string? value) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Add(field, "is required.");
            return null;
        }

        if (Enum.GetNames<T>().Contains(value, StringComparer.Ordinal))
        {
            return Enum.Parse<T>(value);
        }

        v.Add(field, $"must be one of {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }
}
