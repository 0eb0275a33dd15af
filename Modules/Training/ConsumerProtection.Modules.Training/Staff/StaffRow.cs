using ConsumerProtection.Modules.Training.Domain;

namespace ConsumerProtection.Modules.Training.Staff;

/// <summary>A stored staff row; <see cref="Name"/> is the sealed envelope.</summary>
internal sealed class StaffRow
{
    public const string Columns = """
        staff_id AS StaffId, name AS Name, key_id AS KeyId, branch_id AS BranchId, department AS Department,
        role_category AS RoleCategory, position AS Position, hire_date AS HireDate, leave_date AS LeaveDate, active AS Active,
        version AS Version, created_at AS CreatedAt, updated_at AS UpdatedAt, anonymised_at AS AnonymisedAt
        """;

    public const string SelectById = $"SELECT {Columns} FROM [training].[staff] WHERE staff_id = @StaffId";

    public const string SelectAll = $"SELECT {Columns} FROM [training].[staff]";

    public const string Insert = """
        INSERT INTO [training].[staff] (staff_id, name, key_id, branch_id, department, role_category, position, hire_date, leave_date, active, version, created_at, updated_at)
        VALUES (@StaffId, @Name, @KeyId, @BranchId, @Department, @RoleCategory, @Position, @HireDate, @LeaveDate, @Active, 1, @Now, @Now)
        """;

    public const string Update = """
        UPDATE [training].[staff] SET name = @Name, key_id = @KeyId, branch_id = @BranchId, department = @Department, role_category = @RoleCategory,
            position = @Position, hire_date = @HireDate, leave_date = @LeaveDate, active = @Active, version = version + 1, updated_at = @Now
        WHERE staff_id = @StaffId AND version = @Version
        """;

    public string StaffId { get; set; } = "";
    public string? Name { get; set; }
    public string? KeyId { get; set; }
    public string BranchId { get; set; } = "";
    public string? Department { get; set; }
    public string RoleCategory { get; set; } = "";
    public string? Position { get; set; }
    public DateOnly HireDate { get; set; }
    public DateOnly? LeaveDate { get; set; }
    public bool Active { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? AnonymisedAt { get; set; }

    public RoleCategory Category => Shared.Http.StrictEnum.FromStored<RoleCategory>(RoleCategory, "role_category");

    /// <summary>What an audit row may say about a staff member: references and categories, never the name.</summary>
    public object Snapshot() => new { StaffId, BranchId, Department, RoleCategory, Position, HireDate, LeaveDate, Active, Version };
}

/// <summary>A staff member's data as entered or imported (the name in plain text).</summary>
internal sealed record StaffData(
    string StaffId, string Name, string BranchId, string? Department, RoleCategory RoleCategory, string? Position,
    DateOnly HireDate, DateOnly? LeaveDate, bool Active)
{
    /// <summary>True when <paramref name="row"/> (whose name opened to <paramref name="storedName"/>) already holds exactly this data.</summary>
    public bool SameAs(StaffRow row, string? storedName) =>
        storedName == Name && row.BranchId == BranchId && row.Department == Department && row.RoleCategory == RoleCategory.ToString()
        && row.Position == Position && row.HireDate == HireDate && row.LeaveDate == LeaveDate && row.Active == Active;

    public object Snapshot(long version) => new { StaffId, BranchId, Department, RoleCategory, Position, HireDate, LeaveDate, Active, Version = version };
}
