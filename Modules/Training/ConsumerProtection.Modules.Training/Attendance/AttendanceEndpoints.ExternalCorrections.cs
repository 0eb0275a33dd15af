using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Training.Attendance;

/// <summary>One external training record (training taken elsewhere), with its version as the ETag.</summary>
internal sealed record ExternalRecordView(
    Guid Id, string StaffId, string Title, string Provider, Topic Topic, DateOnly CompletedOn, decimal Hours, int? Score, bool Passed, bool Qualifies,
    string EvidenceReference, long Version);

/// <summary>A corrected external record: every field again (as when entering it), and the reason for the correction.</summary>
internal sealed record ExternalCorrectionRequest(
    string? Title, string? Provider, Topic? Topic, DateOnly? CompletedOn, decimal? Hours, int? Score, bool? Passed, string? EvidenceReference, string? Reason);

/// <summary>
/// Reading, correcting and deleting an external record (plan 6 art. 39: the training records coverage is judged on must be
/// right, including training taken elsewhere). As for attendance rows: If-Match and a reason are required; the reason is
/// kept in <c>record_correction</c>, the audit row holds the states and the correction id, never the reason text; the
/// coverage summary is refreshed in the same transaction.
/// </summary>
internal static partial class AttendanceEndpoints
{
    private const string ExternalRowSql = """
        SELECT r.id AS Id, r.staff_id AS StaffId, r.title AS Title, r.provider AS Provider, r.topic AS Topic, r.occurred_on AS CompletedOn,
               r.minutes AS Minutes, r.score AS Score, r.qualifies AS Qualifies, r.evidence_reference AS EvidenceReference, r.version AS Version,
               s.branch_id AS BranchId, s.hire_date AS HireDate
        FROM [training].[training_record] r JOIN [training].[staff] s ON s.staff_id = r.staff_id
        WHERE r.id = @Id AND r.session_id IS NULL AND r.status = 'External'
        """;

    private const string ExternalUpdateSql = """
        UPDATE [training].[training_record]
        SET title = @Title, provider = @Provider, topic = @Topic, occurred_on = @CompletedOn, minutes = @Minutes, score = @Score,
            qualifies = @Qualifies, evidence_reference = @EvidenceReference, version = version + 1
        WHERE id = @Id AND version = @Version AND session_id IS NULL
        """;

    private const string ExternalDeleteSql = "DELETE FROM [training].[training_record] WHERE id = @Id AND version = @Version AND session_id IS NULL";

    private sealed class ExternalRow
    {
        public Guid Id { get; set; }
        public string StaffId { get; set; } = "";
        public string Title { get; set; } = "";
        public string Provider { get; set; } = "";
        public string Topic { get; set; } = "";
        public DateOnly CompletedOn { get; set; }
        public int Minutes { get; set; }
        public int? Score { get; set; }
        public bool Qualifies { get; set; }
        public string EvidenceReference { get; set; } = "";
        public long Version { get; set; }
        public string BranchId { get; set; } = "";
        public DateOnly HireDate { get; set; }

        // An external record qualifies exactly when it was passed (entered with passed, default true).
        public ExternalRecordView View() =>
            new(Id, StaffId, Title, Provider, StrictEnum.FromStored<Topic>(Topic, "topic"), CompletedOn, Minutes / 60m, Score, Qualifies, Qualifies, EvidenceReference, Version);

        public object State() => new { Topic, CompletedOn, Minutes, Score, Qualifies, EvidenceReference };
    }

    private static void MapExternalCorrections(RouteGroupBuilder group)
    {
        const string Path = "/external-records/{id:guid}";
        group.MapGet(Path, GetExternalAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingExternalRecord")
            .WithSummary("One external record")
            .WithDescription("An external training record with its ETag (for a correction). 404 when there is none or the staff member is outside a branch manager's branch.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut(Path, CorrectExternalAsync).RequireRoles(TrainingRoles.Writers).WithName("CorrectTrainingExternalRecord")
            .WithSummary("Correct an external record")
            .WithDescription("""
                `{title, provider, topic, completedOn, hours, score, passed, evidenceReference, reason}`: replaces the record with the same rules as
                entering it (completedOn not in the future nor before hire, hours 0–1000 in whole minutes, score 0–100). `reason` (1–500 characters)
                is required and kept in the correction log. If-Match required (428 / 412). 400 names the field; nothing is stored.
                """)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete(Path, DeleteExternalAsync).RequireRoles(TrainingRoles.Writers).WithName("DeleteTrainingExternalRecord")
            .WithSummary("Delete an external record")
            .WithDescription("`{reason}` (1–500 characters, required): removes a record entered in error. If-Match required (428 / 412).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }

    private static Task<ExternalRow?> LoadExternalAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, Guid id, CancellationToken ct) =>
        c.QuerySingleOrDefaultAsync<ExternalRow>(new CommandDefinition(ExternalRowSql, new { Id = id }, tx, cancellationToken: ct));

    private static async Task<Results<Ok<ExternalRecordView>, ProblemHttpResult>> GetExternalAsync(Guid id, HttpContext http, TrainingStore store, CancellationToken ct)
    {
        var row = await store.Db.ReadAsync(c => LoadExternalAsync(c, null, id, ct), ct);
        if (row is null || !TrainingRoles.CanSee(Caller.From(http.User)!, row.BranchId))
        {
            return Problems.NotFound("external record");
        }

        http.Response.Headers.ETag = ETags.For(row.Version);
        return TypedResults.Ok(row.View());
    }

    private static async Task<Results<Ok<ExternalRecordView>, ValidationProblem, ProblemHttpResult>> CorrectExternalAsync(
        Guid id, ExternalCorrectionRequest r, HttpContext http, TrainingStore store, IWorkingCalendar calendar, CancellationToken ct)
    {
        var today = (await calendar.GetAsync(ct)).LocalDate(store.Time.GetUtcNow());
        var v = new Validation();
        var minutes = ValidateExternal(v, r.Title, r.Provider, r.Topic, r.CompletedOn, r.Hours, r.Score, r.EvidenceReference, today);
        v.Text("reason", r.Reason, ReasonMax);
        if (v.IsValid && await store.Db.ReadAsync(c => LoadExternalAsync(c, null, id, ct), ct) is { } current && r.CompletedOn < current.HireDate)
        {
            v.Add("completedOn", "must not be before the staff member's hire date.");
        }

        return await GuardedChange.RunAsync(http, store.Db, v, ExternalGuard(http, id, ct), async (c, tx, row) =>
        {
            var after = new ExternalRow
            {
                Id = row.Id, StaffId = row.StaffId, Title = r.Title!.Trim(), Provider = r.Provider!.Trim(), Topic = r.Topic!.Value.ToString(),
                CompletedOn = r.CompletedOn!.Value, Minutes = minutes!.Value, Score = r.Score, Qualifies = r.Passed ?? true,
                EvidenceReference = r.EvidenceReference!.Trim(), Version = row.Version + 1, BranchId = row.BranchId, HireDate = row.HireDate,
            };
            if (await c.ExecuteAsync(new CommandDefinition(ExternalUpdateSql, new
                {
                    after.Id, after.Title, after.Provider, after.Topic, after.CompletedOn, after.Minutes, after.Score, after.Qualifies, after.EvidenceReference,
                    row.Version,
                }, tx, cancellationToken: ct)) != 1)
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(row.Version));
            }

            await LogCorrectionAsync(store, c, tx, new CorrectedRecord("external-record.corrected", row.Id, row.StaffId, null, row.State(), after.State()), r.Reason!, ct);
            return new Applied<Ok<ExternalRecordView>>(TypedResults.Ok(after.View()), after.Version);
        }, ct);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteExternalAsync(
        Guid id, [FromBody] DeletionRequest? request, HttpContext http, TrainingStore store, CancellationToken ct)
    {
        var v = new Validation();
        v.Text("reason", request?.Reason, ReasonMax);
        return await GuardedChange.RunAsync(http, store.Db, v, ExternalGuard(http, id, ct), async (c, tx, row) =>
        {
            if (await c.ExecuteAsync(new CommandDefinition(ExternalDeleteSql, new { row.Id, row.Version }, tx, cancellationToken: ct)) != 1)
            {
                throw GuardedChange.Refuse(IfMatch.Overtaken(row.Version));
            }

            await LogCorrectionAsync(store, c, tx, new CorrectedRecord("external-record.deleted", row.Id, row.StaffId, null, row.State(), null), request!.Reason!, ct);
            return new Applied<NoContent>(TypedResults.NoContent(), null);
        }, ct);
    }

    // A correction names the record's version (If-Match: 428 without, 412 stale); no workflow state. Outside a branch
    // manager's branch the record does not exist (404).
    private static Guard<ExternalRow> ExternalGuard(HttpContext http, Guid id, CancellationToken ct) => new("external record",
        async (c, tx) => await LoadExternalAsync(c, tx, id, ct) is { } row && TrainingRoles.CanSee(Caller.From(http.User)!, row.BranchId) ? row : null,
        row => row.Version);

    /// <summary>The field rules an external record is entered and corrected with; the minutes when the hours are valid.</summary>
    private static int? ValidateExternal(
        Validation v, string? title, string? provider, Topic? topic, DateOnly? completedOn, decimal? hours, int? score, string? evidenceReference, DateOnly today)
    {
        v.Text("title", title, 200);
        v.Text("provider", provider, 200);
        v.Required("topic", topic);
        v.Required("completedOn", completedOn);
        v.Check(completedOn is null || completedOn <= today, "completedOn", "must not be in the future.");
        var minutes = Catalogue.CourseRules.Minutes(hours, "hours", v);
        v.Check(score is null or >= 0 and <= 100, "score", "must be between 0 and 100.");
        v.Text("evidenceReference", evidenceReference, 200);
        return minutes;
    }
}
