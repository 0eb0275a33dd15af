using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Training.Staff;

/// <summary>The staff registry (plan 6 art. 39: who must be trained): list, read, create, change; the HR import is in <c>.Import</c>.</summary>
internal static partial class StaffEndpoints
{
    private const string ListSql = """
        SELECT staff_id AS StaffId, branch_id AS BranchId, department AS Department, role_category AS RoleCategory, position AS Position,
               hire_date AS HireDate, leave_date AS LeaveDate, active AS Active
        FROM [training].[staff]
        WHERE (@Branch IS NULL OR branch_id = @Branch) AND (@Department IS NULL OR department = @Department)
          AND (@RoleCategory IS NULL OR role_category = @RoleCategory) AND (@Active IS NULL OR active = @Active)
        ORDER BY staff_id
        """;

    private const string CountSql = """
        SELECT COUNT(*) FROM [training].[staff]
        WHERE (@Branch IS NULL OR branch_id = @Branch) AND (@Department IS NULL OR department = @Department)
          AND (@RoleCategory IS NULL OR role_category = @RoleCategory) AND (@Active IS NULL OR active = @Active)
        """;

    /// <summary>A staff list item: no name (names are read one record at a time, logged).</summary>
    public sealed record StaffListItem(string StaffId, string BranchId, string? Department, RoleCategory RoleCategory, string? Position, DateOnly HireDate, DateOnly? LeaveDate, bool Active);

    private sealed class ListRow
    {
        public string StaffId { get; set; } = "";
        public string BranchId { get; set; } = "";
        public string? Department { get; set; }
        public string RoleCategory { get; set; } = "";
        public string? Position { get; set; }
        public DateOnly HireDate { get; set; }
        public DateOnly? LeaveDate { get; set; }
        public bool Active { get; set; }
    }

    public static void Map(RouteGroupBuilder group)
    {
        var staff = group.MapGroup("/staff");
        staff.MapGet("", ListAsync).RequireRoles(TrainingRoles.Readers).WithName("ListTrainingStaff")
            .WithSummary("List staff").WithDescription("Staff in the caller's scope (a branch manager: its branch), paged, without names.")
            .ProducesValidationProblem();
        staff.MapGet("/{staffId}", GetAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingStaff")
            .WithSummary("Read a staff record")
            .WithDescription("One staff record with its ETag. The name is shown to training administrators and the branch's own manager only, and each such read is written to the personal-information access log.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        staff.MapPost("", CreateAsync).RequireRoles(TrainingRoles.Writers).WithIdempotency().WithName("CreateTrainingStaff")
            .WithSummary("Add a staff member").WithDescription("Adds a staff record; 409 if the staff id exists.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapPut("/{staffId}", UpdateAsync).RequireRoles(TrainingRoles.Writers).WithName("UpdateTrainingStaff")
            .WithSummary("Change a staff record").WithDescription("Replaces a staff record; requires If-Match with its current ETag (428 without, 412 when stale).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        MapImport(staff);
    }

    private static async Task<Results<Ok<Page<StaffListItem>>, ValidationProblem>> ListAsync(
        HttpContext http, TrainingStore store, string? branchId, string? department, RoleCategory? roleCategory, bool? active, int? page, int? pageSize,
        CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        v.Check(branchId is null || StaffRules.IsBranch(branchId), "branchId", "must be 1 to 50 letters or digits.");
        v.Text("department", department, StaffRules.TextMax, required: false);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var scope = TrainingRoles.BranchScope(caller);
        if (scope is not null && branchId is not null && branchId != scope)
        {
            return TypedResults.Ok(paging.Of<StaffListItem>([], 0));
        }

        var args = new { Branch = scope ?? branchId, Department = department, RoleCategory = roleCategory?.ToString(), Active = active, paging.Offset, Limit = paging.PageSize };
        var (rows, total) = await store.Db.ReadAsync(async c =>
        {
            var list = await c.QueryAsync<ListRow>(new CommandDefinition(ListSql + " " + store.Db.Dialect.Page, args, cancellationToken: ct));
            var count = await c.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, args, cancellationToken: ct));
            return (list.AsList(), count);
        }, ct);
        return TypedResults.Ok(paging.Of(rows, r => new StaffListItem(r.StaffId, r.BranchId, r.Department,
            StrictEnum.FromStored<RoleCategory>(r.RoleCategory, "roleCategory"), r.Position, r.HireDate, r.LeaveDate, r.Active), r => r.StaffId, total));
    }

    private static async Task<Results<Ok<StaffView>, ProblemHttpResult>> GetAsync(
        string staffId, HttpContext http, TrainingStore store, IServiceProvider services, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var row = StaffRules.IsCode(staffId) ? await LoadAsync(store, staffId, ct) : null;
        if (row is null || !TrainingRoles.CanSee(caller, row.BranchId))
        {
            return Problems.NotFound("staff member");
        }

        string? name = null;
        if (TrainingRoles.SeesNames(caller, row.BranchId) && row.Name is not null)
        {
            // The access is logged before the name leaves the module.
            await StaffAccess.RecordAsync(services, caller, store.Time.GetUtcNow(), "staff:" + row.StaffId, "staff-record", AccessAction.View, ct);
            name = store.OpenName(row.StaffId, row.Name);
        }

        http.Response.Headers.ETag = ETags.For(row.Version);
        return TypedResults.Ok(View(row, name));
    }

    private static async Task<Results<Created<StaffView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        StaffRequest request, TrainingStore store, IWorkingCalendar calendar, HttpContext http, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow();
        var today = (await calendar.GetAsync(ct)).LocalDate(now);
        var v = new Validation();
        var data = StaffRules.FromRequest(request.StaffId ?? "", request, v, today);
        if (data is null)
        {
            return v.ToProblem();
        }

        var sealedName = store.SealName(data.StaffId, data.Name);
        var keyId = store.ActiveKeyId;
        var created = await store.Db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM [training].[staff] WHERE staff_id = @StaffId", new { data.StaffId }, tx, cancellationToken: ct)) > 0)
            {
                return false;
            }

            await c.ExecuteAsync(new CommandDefinition(StaffRow.Insert, Args(data, sealedName, keyId, now, 0), tx, cancellationToken: ct));
            await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry("staff.created", "staff", data.StaffId, null, data.Snapshot(1)), ct);
            return true;
        }, ct);
        if (!created)
        {
            return Problems.Conflict($"Staff id {data.StaffId} exists; change it with PUT.");
        }

        http.Response.Headers.ETag = ETags.For(1);
        return TypedResults.Created($"/api/v1/training/staff/{data.StaffId}", View(data, 1, now));
    }

    private static async Task<Results<Ok<StaffView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string staffId, StaffRequest request, TrainingStore store, IWorkingCalendar calendar, HttpContext http, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow();
        var today = (await calendar.GetAsync(ct)).LocalDate(now);
        var v = new Validation();
        v.Check(request.StaffId is null || request.StaffId == staffId, "staffId", "must match the staff id in the path (or be left out).");
        var data = StaffRules.FromRequest(staffId, request, v, today);
        if (data is null || !v.IsValid)
        {
            return v.ToProblem();
        }

        var sealedName = store.SealName(data.StaffId, data.Name);
        var keyId = store.ActiveKeyId;
        var guard = new Guard<StaffRow>("staff record",
            (c, tx) => c.QuerySingleOrDefaultAsync<StaffRow>(new CommandDefinition(StaffRow.SelectById, new { StaffId = staffId }, tx, cancellationToken: ct)),
            row => row.Version) { NotFoundWhat = "staff member" };
        return await GuardedChange.RunAsync(http, store.Db, v, guard, async (c, tx, row) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(StaffRow.Update, Args(data, sealedName, keyId, now, row.Version), tx, cancellationToken: ct)) != 1)
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(row.Version));
            }

            if (row.HireDate != data.HireDate)
            {
                // The new-hire window moves with the hire date (coverage summary, Coverage/StaffYear.cs).
                await Coverage.StaffYear.RefreshAsync(c, tx, [staffId], ct);
            }

            await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry("staff.changed", "staff", staffId, row.Snapshot(),
                new { Data = data.Snapshot(row.Version + 1), NameChanged = store.OpenName(staffId, row.Name) != data.Name }), ct);
            return new Applied<Ok<StaffView>>(TypedResults.Ok(View(data, row.Version + 1, now)), row.Version + 1);
        }, ct);
    }

    internal static object Args(StaffData d, string sealedName, string keyId, DateTimeOffset now, long version) => new
    {
        d.StaffId, Name = sealedName, KeyId = keyId, d.BranchId, d.Department, RoleCategory = d.RoleCategory.ToString(), d.Position,
        d.HireDate, d.LeaveDate, d.Active, Now = now, Version = version,
    };

    internal static Task<StaffRow?> LoadAsync(TrainingStore store, string staffId, CancellationToken ct) =>
        store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<StaffRow>(new CommandDefinition(StaffRow.SelectById, new { StaffId = staffId }, cancellationToken: ct)), ct);

    private static StaffView View(StaffRow r, string? name) =>
        new(r.StaffId, name, r.BranchId, r.Department, r.Category, r.Position, r.HireDate, r.LeaveDate, r.Active, r.Version, r.UpdatedAt);

    private static StaffView View(StaffData d, long version, DateTimeOffset now) =>
        new(d.StaffId, d.Name, d.BranchId, d.Department, d.RoleCategory, d.Position, d.HireDate, d.LeaveDate, d.Active, version, now);
}
