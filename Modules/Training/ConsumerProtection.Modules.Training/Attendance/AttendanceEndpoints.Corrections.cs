using System.Text.Json;
using ConsumerProtection.Modules.Training.Catalogue;
using ConsumerProtection.Modules.Training.Coverage;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Training.Attendance;

/// <summary>One attendance row of a session, with its version as the ETag.</summary>
internal sealed record AttendanceView(Guid Id, Guid SessionId, string StaffId, DateOnly Date, AttendanceStatus Status, decimal HoursCredited, int? Score, bool Qualifies, long Version);

/// <summary>
/// Reading and correcting one attendance row (plan 6 art. 39: the training records the coverage is judged on must be
/// right; plans 4 and 7: test scores). A correction or deletion needs a reason and If-Match; the reason is kept in
/// <c>record_correction</c> (the audit row names the correction, never the reason text); the coverage summary is
/// refreshed in the same transaction.
/// </summary>
internal static partial class AttendanceEndpoints
{
    public sealed record CorrectionRequest(AttendanceStatus? Status, decimal? HoursCredited, int? Score, string? Reason);

    public sealed record DeletionRequest(string? Reason);

    private const int ReasonMax = 500;

    private const string RowSql = """
        SELECT r.id AS Id, r.session_id AS SessionId, r.staff_id AS StaffId, r.occurred_on AS Date, r.status AS Status, r.minutes AS Minutes,
               r.score AS Score, r.qualifies AS Qualifies, r.version AS Version, s.branch_id AS BranchId
        FROM [training].[training_record] r JOIN [training].[staff] s ON s.staff_id = r.staff_id
        WHERE r.session_id = @SessionId AND r.staff_id = @StaffId
        """;

    private const string UpdateSql = """
        UPDATE [training].[training_record] SET status = @Status, minutes = @Minutes, score = @Score, qualifies = @Qualifies, version = version + 1
        WHERE id = @Id AND version = @Version
        """;

    private const string DeleteSql = "DELETE FROM [training].[training_record] WHERE id = @Id AND version = @Version";

    private const string CorrectionSql = """
        INSERT INTO [training].[record_correction] (id, record_id, staff_id, session_id, action, reason, before_state, after_state, corrected_at, corrected_by)
        VALUES (@Id, @RecordId, @StaffId, @SessionId, @Action, @Reason, @Before, @After, @Now, @By)
        """;

    private sealed class RowData
    {
        public Guid Id { get; set; }
        public Guid SessionId { get; set; }
        public string StaffId { get; set; } = "";
        public DateOnly Date { get; set; }
        public string Status { get; set; } = "";
        public int Minutes { get; set; }
        public int? Score { get; set; }
        public bool Qualifies { get; set; }
        public long Version { get; set; }
        public string BranchId { get; set; } = "";

        public AttendanceView View() =>
            new(Id, SessionId, StaffId, Date, StrictEnum.FromStored<AttendanceStatus>(Status, "status"), Minutes / 60m, Score, Qualifies, Version);

        public object State() => new { Status, Minutes, Score, Qualifies };
    }

    private static void MapCorrections(RouteGroupBuilder group)
    {
        const string Path = "/sessions/{id:guid}/attendance/{staffId}";
        group.MapGet(Path, GetRowAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingAttendance")
            .WithSummary("One attendance row")
            .WithDescription("A staff member's attendance at a session with its ETag (for a correction). 404 when there is none or it is outside a branch manager's branch.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut(Path, CorrectAsync).RequireRoles(TrainingRoles.Writers).WithName("CorrectTrainingAttendance")
            .WithSummary("Correct an attendance row")
            .WithDescription("""
                `{status, hoursCredited, score, reason}`: replaces status, hours and score, with the same rules as recording (hours default to the
                course's when attended; the course's current pass mark decides qualifying). `reason` (1–500 characters) is required and kept in the
                correction log. If-Match required (428 / 412). 400 names the field; nothing is stored.
                """)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete(Path, DeleteRowAsync).RequireRoles(TrainingRoles.Writers).WithName("DeleteTrainingAttendance")
            .WithSummary("Delete an attendance row")
            .WithDescription("`{reason}` (1–500 characters, required): removes a row recorded in error. If-Match required (428 / 412).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static async Task<Results<Ok<AttendanceView>, ProblemHttpResult>> GetRowAsync(Guid id, string staffId, HttpContext http, TrainingStore store, CancellationToken ct)
    {
        var row = await store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<RowData>(new CommandDefinition(RowSql, new { SessionId = id, StaffId = staffId }, cancellationToken: ct)), ct);
        if (row is null || !TrainingRoles.CanSee(Caller.From(http.User)!, row.BranchId))
        {
            return Problems.NotFound("attendance");
        }

        http.Response.Headers.ETag = ETags.For(row.Version);
        return TypedResults.Ok(row.View());
    }

    private static async Task<Results<Ok<AttendanceView>, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        Guid id, string staffId, CorrectionRequest request, HttpContext http, TrainingStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Text("reason", request.Reason, ReasonMax);
        var session = await CatalogueEndpoints.LoadSessionAsync(store, id, ct);
        if (session is null || await CatalogueEndpoints.LoadAsync(store, session.CourseCode, ct) is not { } course)
        {
            return Problems.NotFound("attendance");
        }

        var value = AttendanceRecorder.Values(new AttendanceEntry(staffId, request.Status, request.HoursCredited, request.Score), course, (f, m) => v.Add(f, m));
        if (!v.IsValid || value is not { } checkedValue)
        {
            return v.ToProblem();
        }

        return await GuardedChange.RunAsync(http, store.Db, v, RowGuard(id, staffId, ct), async (c, tx, row) =>
        {
            var after = new RowData
            {
                Id = row.Id, SessionId = row.SessionId, StaffId = row.StaffId, Date = row.Date, Status = request.Status!.Value.ToString(), Minutes = checkedValue.Minutes,
                Score = request.Score, Qualifies = checkedValue.Qualifies, Version = row.Version + 1, BranchId = row.BranchId,
            };
            if (await c.ExecuteAsync(new CommandDefinition(UpdateSql, new { row.Id, after.Status, after.Minutes, after.Score, after.Qualifies, row.Version }, tx, cancellationToken: ct)) != 1)
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(row.Version));
            }

            await LogCorrectionAsync(store, c, tx, "attendance.corrected", row, after.State(), request.Reason!, ct);
            return new Applied<Ok<AttendanceView>>(TypedResults.Ok(after.View()), after.Version);
        }, ct);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteRowAsync(
        Guid id, string staffId, [FromBody] DeletionRequest? request, HttpContext http, TrainingStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Text("reason", request?.Reason, ReasonMax);
        return await GuardedChange.RunAsync(http, store.Db, v, RowGuard(id, staffId, ct), async (c, tx, row) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(DeleteSql, new { row.Id, row.Version }, tx, cancellationToken: ct)) != 1)
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(row.Version));
            }

            await LogCorrectionAsync(store, c, tx, "attendance.deleted", row, null, request!.Reason!, ct);
            return new Applied<NoContent>(TypedResults.NoContent(), null);
        }, ct);
    }

    // A correction names the row's version (If-Match: 428 without, 412 stale); no workflow state.
    private static Guard<RowData> RowGuard(Guid id, string staffId, CancellationToken ct) => new("attendance row",
        (c, tx) => c.QuerySingleOrDefaultAsync<RowData>(new CommandDefinition(RowSql, new { SessionId = id, StaffId = staffId }, tx, cancellationToken: ct)),
        row => row.Version) { NotFoundWhat = "attendance" };

    private static Task LogCorrectionAsync(
        TrainingStore store, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, string action, RowData before, object? after, string reason, CancellationToken ct) =>
        LogCorrectionAsync(store, c, tx, new CorrectedRecord(action, before.Id, before.StaffId, before.SessionId, before.State(), after), reason, ct);

    /// <summary>What a correction changed: the record, its staff member and session (null for an external record), the states before and after (null: deleted).</summary>
    private sealed record CorrectedRecord(string Action, Guid RecordId, string StaffId, Guid? SessionId, object Before, object? After);

    // The correction log row (with the reason), the audit row (states only, no reason text) and the summary refresh, in the caller's transaction.
    private static async Task LogCorrectionAsync(
        TrainingStore store, System.Data.Common.DbConnection c, System.Data.Common.DbTransaction tx, CorrectedRecord record, string reason, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow();
        var correctionId = Guid.CreateVersion7(now);
        var audit = await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry(record.Action, "training-record", record.RecordId.ToString(), record.Before,
            new { After = record.After, record.StaffId, record.SessionId, CorrectionId = correctionId }), ct);
        await c.ExecuteAsync(new CommandDefinition(CorrectionSql, new
        {
            Id = correctionId, record.RecordId, record.StaffId, record.SessionId, record.Action, Reason = reason.Trim(),
            Before = JsonSerializer.Serialize(record.Before), After = record.After is null ? null : JsonSerializer.Serialize(record.After), Now = now, By = audit.ActorId,
        }, tx, cancellationToken: ct));
        await StaffYear.RefreshAsync(c, tx, [record.StaffId], ct);
    }
}
