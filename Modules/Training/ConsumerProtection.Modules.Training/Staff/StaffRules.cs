using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Shared.Http;

namespace ConsumerProtection.Modules.Training.Staff;

/// <summary>The field rules a staff record keeps, for the API and the HR import alike.</summary>
internal static class StaffRules
{
    public const int NameMax = 100;
    public const int TextMax = 100;

    /// <summary>Staff ids and branch ids: 1–50 ASCII letters, digits, '-' or '_' (branch ids as API keys carry them).</summary>
    public static bool IsCode(string? value) =>
        value is { Length: > 0 and <= 50 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsBranch(string? value) => value is { Length: > 0 and <= 50 } && value.All(char.IsAsciiLetterOrDigit);

    /// <summary>The date rules; <paramref name="error"/> receives (field, message).</summary>
    public static void CheckDates(DateOnly hire, DateOnly? leave, Action<string, string> error)
    {
        if (hire.Year < 1950)
        {
            error("hireDate", "must be on or after 1950-01-01.");
        }

        if (leave is { } l && l < hire)
        {
            error("leaveDate", "must not be before hireDate.");
        }
    }

    /// <summary>One line of text without control characters, at most <paramref name="max"/> characters; null when blank.</summary>
    public static string? Clean(string? value, int max, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim();
        if (v.Any(char.IsControl) || StrictTextConverter.HasForbiddenControl(v))
        {
            problem = "must be one line without control characters.";
        }
        else if (v.Length > max)
        {
            problem = $"must be at most {max} characters.";
        }

        return v;
    }

    /// <summary>Validates an API request into <see cref="StaffData"/>; null with errors in <paramref name="v"/>.</summary>
    public static StaffData? FromRequest(string staffId, StaffRequest r, Validation v, DateOnly today)
    {
        v.Check(IsCode(staffId), "staffId", "must be 1 to 50 letters, digits, '-' or '_'.");
        v.Text("name", r.Name, NameMax);
        v.Check(IsBranch(r.BranchId), "branchId", "must be 1 to 50 letters or digits.");
        v.Text("department", r.Department, TextMax, required: false);
        v.Required("roleCategory", r.RoleCategory);
        v.Text("position", r.Position, TextMax, required: false);
        v.Required("hireDate", r.HireDate);
        if (r.HireDate is { } hire)
        {
            CheckDates(hire, r.LeaveDate, (f, m) => v.Add(f, m));
        }

        if (!v.IsValid)
        {
            return null;
        }

        var active = r.Active ?? (r.LeaveDate is null || r.LeaveDate > today);
        return new StaffData(staffId, r.Name!.Trim(), r.BranchId!, Blank(r.Department), r.RoleCategory!.Value, Blank(r.Position), r.HireDate!.Value, r.LeaveDate, active);
    }

    public static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A staff record as the API takes it (POST includes <c>staffId</c>; PUT takes it from the route).</summary>
internal sealed record StaffRequest(
    string? StaffId, string? Name, string? BranchId, string? Department, RoleCategory? RoleCategory, string? Position,
    DateOnly? HireDate, DateOnly? LeaveDate, bool? Active)
{
    /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
    internal const string Example = """
        {
          "staffId": "E10023",
          "name": "李娜",
          "branchId": "SH001",
          "department": "retail",
          "roleCategory": "FrontLine",
          "position": "Teller",
          "hireDate": "2024-07-01",
          "active": true
        }
        """;
}

/// <summary>A staff record as shown; <c>name</c> only to training administrators and the branch's own manager.</summary>
internal sealed record StaffView(
    string StaffId, string? Name, string BranchId, string? Department, RoleCategory RoleCategory, string? Position,
    DateOnly HireDate, DateOnly? LeaveDate, bool Active, long Version, DateTimeOffset UpdatedAt);
