using System.Globalization;
using System.Text;
using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Training.Attendance;

/// <summary>Training taken elsewhere (a regulator's course), entered with its evidence.</summary>
internal sealed record ExternalRecordRequest(
    string? StaffId, string? Title, string? Provider, Topic? Topic, DateOnly? CompletedOn, decimal? Hours, int? Score, bool? Passed, string? EvidenceReference);

/// <summary>One line of a transcript.</summary>
internal sealed record TranscriptLine(
    Guid Id, DateOnly Date, AttendanceStatus Status, Topic Topic, string? CourseCode, string? Title, decimal Hours, int? Score, bool Qualifies,
    Guid? SessionId, string? Provider, string? EvidenceReference);

/// <summary>A staff member's transcript: every session and external record, hours and scores.</summary>
internal sealed record Transcript(string StaffId, string? Name, string BranchId, decimal QualifyingHours, int QualifyingSessions, IReadOnlyList<TranscriptLine> Records);

internal static partial class AttendanceEndpoints
{
    private const string TranscriptSql = """
        SELECT r.id AS Id, r.occurred_on AS Date, r.status AS Status, r.topic AS Topic, r.course_code AS CourseCode, COALESCE(c.title_zh, r.title) AS Title,
               r.minutes AS Minutes, r.score AS Score, r.qualifies AS Qualifies, r.session_id AS SessionId, r.provider AS Provider,
               r.evidence_reference AS EvidenceReference
        FROM [training].[training_record] r LEFT JOIN [training].[course] c ON c.code = r.course_code
        WHERE r.staff_id = @StaffId
        ORDER BY r.occurred_on, r.id
        """;

    private sealed class LineRow
    {
        public Guid Id { get; set; }
        public DateOnly Date { get; set; }
        public string Status { get; set; } = "";
        public string Topic { get; set; } = "";
        public string? CourseCode { get; set; }
        public string? Title { get; set; }
        public int Minutes { get; set; }
        public int? Score { get; set; }
        public bool Qualifies { get; set; }
        public Guid? SessionId { get; set; }
        public string? Provider { get; set; }
        public string? EvidenceReference { get; set; }
    }

    private static void MapRecords(RouteGroupBuilder group)
    {
        group.MapPost("/external-records", ExternalAsync).RequireRoles(TrainingRoles.Writers).WithIdempotency().WithName("CreateTrainingExternalRecord")
            .WithSummary("Enter external training")
            .WithDescription("Training taken elsewhere (e.g. a regulator's course) with its evidence reference. 400 naming the field for unknown staff, a date in the future or before hire, hours below 0, a score outside 0–100. `Location` names the record (read, correct or delete it there).")
            .ProducesValidationProblem();
        group.MapGet("/staff/{staffId}/transcript", TranscriptAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingTranscript")
            .WithSummary("A staff member's transcript")
            .WithDescription("Every session and external record with hours and scores, as JSON or CSV (`Accept: text/csv`). The name is shown to training administrators and the branch's own manager only (logged in the access log); 404 outside the caller's scope.")
            .Produces<Transcript>(StatusCodes.Status200OK, "application/json", Csv.MediaType)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<TranscriptLine>, ValidationProblem>> ExternalAsync(
        ExternalRecordRequest r, TrainingStore store, IWorkingCalendar calendar, CancellationToken ct)
    {
        var now = store.Time.GetUtcNow();
        var today = (await calendar.GetAsync(ct)).LocalDate(now);
        var v = new Validation();
        v.Check(StaffRules.IsCode(r.StaffId), "staffId", "must be 1 to 50 letters, digits, '-' or '_'.");
        var minutes = ValidateExternal(v, r.Title, r.Provider, r.Topic, r.CompletedOn, r.Hours, r.Score, r.EvidenceReference, today);
        if (v.IsValid)
        {
            var staff = await StaffEndpoints.LoadAsync(store, r.StaffId!, ct);
            if (staff is null || staff.AnonymisedAt is not null)
            {
                v.Add("staffId", "names no staff member.");
            }
            else if (r.CompletedOn < staff.HireDate)
            {
                v.Add("completedOn", "must not be before the staff member's hire date.");
            }
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var line = new TranscriptLine(Guid.CreateVersion7(now), r.CompletedOn!.Value, AttendanceStatus.External, r.Topic!.Value, null, r.Title!.Trim(),
            minutes!.Value / 60m, r.Score, r.Passed ?? true, null, r.Provider!.Trim(), r.EvidenceReference!.Trim());
        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            var audit = await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry("external-record.created", "training-record", line.Id.ToString(), null,
                new { r.StaffId, line.Date, line.Topic, Minutes = minutes, line.Score, line.Qualifies, line.EvidenceReference }), ct);
            await c.ExecuteAsync(new CommandDefinition(AttendanceRecorder.Insert, new
            {
                line.Id, r.StaffId, SessionId = (Guid?)null, CourseCode = (string?)null, Topic = line.Topic.ToString(), OccurredOn = line.Date,
                Status = nameof(AttendanceStatus.External), Minutes = minutes, line.Score, line.Qualifies, line.Title, line.Provider, line.EvidenceReference,
                Now = now, By = audit.ActorId,
            }, tx, cancellationToken: ct));
            await Coverage.StaffYear.RefreshAsync(c, tx, [r.StaffId!], ct);
            return 0;
        }, ct);
        return TypedResults.Created($"/api/v1/training/external-records/{line.Id}", line);
    }

    private static async Task<IResult> TranscriptAsync(string staffId, HttpContext http, TrainingStore store, IServiceProvider services, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var staff = StaffRules.IsCode(staffId) ? await StaffEndpoints.LoadAsync(store, staffId, ct) : null;
        if (staff is null || !TrainingRoles.CanSee(caller, staff.BranchId))
        {
            return Problems.NotFound("staff member");
        }

        var rows = await store.Db.ReadAsync(async c => (await c.QueryAsync<LineRow>(new CommandDefinition(TranscriptSql, new { StaffId = staffId }, cancellationToken: ct))).AsList(), ct);
        var lines = rows.Select(x => new TranscriptLine(x.Id, x.Date, StrictEnum.FromStored<AttendanceStatus>(x.Status, "status"), StrictEnum.FromStored<Topic>(x.Topic, "topic"),
            x.CourseCode, x.Title, x.Minutes / 60m, x.Score, x.Qualifies, x.SessionId, x.Provider, x.EvidenceReference)).ToList();
        string? name = null;
        if (TrainingRoles.SeesNames(caller, staff.BranchId) && staff.Name is not null)
        {
            var csv = Csv.Wanted(http.Request);
            await StaffAccess.RecordAsync(services, caller, store.Time.GetUtcNow(), "staff:" + staffId, "training-transcript", csv ? AccessAction.Export : AccessAction.View, ct);
            name = store.OpenName(staffId, staff.Name);
        }

        var transcript = new Transcript(staffId, name, staff.BranchId, lines.Where(l => l.Qualifies).Sum(l => l.Hours), lines.Count(l => l.Qualifies), lines);
        return Csv.Wanted(http.Request) ? TypedResults.Text(TranscriptCsv(transcript), Csv.ContentType) : TypedResults.Ok(transcript);
    }

    private static string TranscriptCsv(Transcript t)
    {
        var text = new StringBuilder();
        Csv.AppendRecord(text, ["staffId", "name", "date", "status", "topic", "courseCode", "title", "hours", "score", "qualifies", "sessionId", "provider", "evidenceReference"]);
        foreach (var l in t.Records)
        {
            Csv.AppendRecord(text,
            [
                t.StaffId, t.Name, l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Status.ToString(), l.Topic.ToString(), l.CourseCode, l.Title,
                l.Hours.ToString(CultureInfo.InvariantCulture), l.Score?.ToString(CultureInfo.InvariantCulture), l.Qualifies ? "true" : "false",
                l.SessionId?.ToString(), l.Provider, l.EvidenceReference,
            ]);
        }

        return text.ToString();
    }
}
