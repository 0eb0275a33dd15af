namespace ConsumerProtection.Shared.Security;

/// <summary>The roles of the consumer-protection office. Granted to API keys and mapped from bank JWT claims.</summary>
public enum Role
{
    /// <summary>Branch teller: logs complaints for the own branch.</summary>
    Teller,

    /// <summary>Works complaints assigned to them or to their department.</summary>
    ComplaintHandler,

    /// <summary>Supervises complaint handling (督办), approves extensions.</summary>
    ComplaintSupervisor,

    /// <summary>Reviews product documents and marketing before launch.</summary>
    ComplianceOfficer,

    /// <summary>Reads and acts on the personal-information access log.</summary>
    PrivacyOfficer,

    /// <summary>Maintains staff training records.</summary>
    TrainingAdmin,

    /// <summary>Scores branches and departments.</summary>
    Assessor,

    /// <summary>Reads audit trails and verifies their chains; manages legal holds.</summary>
    Auditor,

    /// <summary>Regulator's system: aggregate reports only.</summary>
    Regulator,

    /// <summary>A bank system (not a person) that reports accesses to personal information to the access log.</summary>
    SystemClient,

    /// <summary>Administers keys, the calendar and retention.</summary>
    Admin,

    /// <summary>
    /// Owns products in a department: drafts and checks product documents and marketing material and submits them for
    /// consumer-protection review before launch (plan 6 arts. 11(7), 21). Appended last so stored role names and
    /// positions of the earlier roles never change.
    /// </summary>
    ProductManager,

    /// <summary>
    /// Manages one branch: reads its staff's training coverage and due lists, names included (plan 6
    /// art. 39). Appended last, like <see cref="ProductManager"/>.
    /// </summary>
    BranchManager,
}

/// <summary>Role sets used by endpoints.</summary>
public static class Roles
{
    /// <summary>Every role.</summary>
    public static readonly Role[] All = Enum.GetValues<Role>();

    /// <summary>Parses exactly one role name (case-sensitive); false for unknown names, numbers and comma-joined lists.</summary>
    public static bool TryParse(string? value, out Role role) => Http.StrictEnum.TryParse(value, out role);

    /// <summary>
    /// The roles named by one claim value. Some identity providers put several roles in one claim as
    /// "A,B": each part is checked on its own (never OR-ed into another role); parts that name no role are skipped.
    /// </summary>
    public static IEnumerable<Role> FromClaimValue(string value)
    {
        foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryParse(part, out var role))
            {
                yield return role;
            }
        }
    }
}
