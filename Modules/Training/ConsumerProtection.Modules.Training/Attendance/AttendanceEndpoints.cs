using ConsumerProtection.Modules.Training.Catalogue;
using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Importing;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Training.Attendance;

/// <summary>Attendance and test scores per session (JSON or a sign-in sheet upload), external records and transcripts (<c>.Records</c>).</summary>
internal static partial class AttendanceEndpoints
{
    public sealed record AttendanceRequest(List<AttendanceEntry?>? Entries)
    {
        /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
        internal const string Example = """
            {
              "entries": [
                { "staffId": "E10023", "status": "Present", "hoursCredited": 2.0, "score": 92 },
                { "staffId": "E10024", "status": "Absent" }
              ]
            }
            """;
    }

    /// <summary>What an attendance upload did (or would do).</summary>
    public sealed record AttendanceReport(bool DryRun, bool Applied, int Rows, int Recorded, int Qualifying, IReadOnlyList<RowProblem> Errors);

    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["staffId"] = ["staff id", "工号", "员工编号"],
        ["status"] = ["出勤", "签到状态"],
        ["hoursCredited"] = ["hours", "学时"],
        ["score"] = ["成绩", "考试成绩"],
    };

    private static readonly Dictionary<string, AttendanceStatus> ChineseStatus = new()
    {
        ["出席"] = AttendanceStatus.Present, ["已签到"] = AttendanceStatus.Present, ["迟到"] = AttendanceStatus.Late, ["缺席"] = AttendanceStatus.Absent,
    };

    public static void Map(RouteGroupBuilder group)
    {
        var max = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<TrainingOptions>>().Value.MaxImportBytes;
        group.MapPost("/sessions/{id:guid}/attendance", RecordAsync).RequireRoles(TrainingRoles.Writers).WithName("RecordTrainingAttendance")
            .WithSummary("Record a session's attendance")
            .WithDescription("""
                `{entries: [{staffId, status: Present|Late|Absent, hoursCredited, score}]}`, all or nothing. 400 naming `entries[i].field` for an
                unknown staff member, a duplicate, hours below 0 or above the course's, a score outside 0–100; 400 naming `sessionId` when the
                session has not started yet.
                """)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/sessions/{id:guid}/attendance/import", ImportAsync).RequireRoles(TrainingRoles.Writers).WithName("ImportTrainingAttendance")
            .WithMetadata(new RequestSizeLimitAttribute(max + (64 * 1024)))
            .WithSummary("Upload a sign-in sheet")
            .WithDescription("""
                CSV (UTF-8 or GB18030) or .xlsx — the body (any content type; the format is read from the bytes) or the form part `file` — with columns staffId, status (required), hoursCredited, score — from a sign-in sheet or the
                e-learning system. Same rules as the JSON form; `dryRun=true` reports every bad cell by line and column and stores nothing; a real
                run with a bad row answers 400 naming `rows[line].column`.
                """)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        MapRecords(group);
        MapCorrections(group);
        MapExternalCorrections(group);
    }

    private static async Task<Results<Ok<AttendanceReport>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid id, AttendanceRequest request, TrainingStore store, AttendanceRecorder recorder, CancellationToken ct)
    {
        var v = new Validation();
        v.Check(request.Entries is { Count: > 0 and <= 10_000 }, "entries", "must hold 1 to 10000 entries.");
        v.Check(request.Entries is null || request.Entries.All(e => e is not null), "entries", "must not hold null.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (await LoadAsync(store, id, v, ct) is not var (session, course))
        {
            return v.IsValid ? Problems.NotFound("session") : v.ToProblem();
        }

        var rows = await recorder.CheckAsync(session, course, request.Entries!, (i, f, m) => v.Add($"entries[{i}].{f}", m), ct);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        if (!await recorder.WriteAsync(session, course, rows, "attendance.recorded", ct))
        {
            return AttendanceRecorder.AlreadyRecorded();
        }

        return TypedResults.Ok(new AttendanceReport(false, true, rows.Count, rows.Count, rows.Count(r => r.Qualifies), []));
    }

    private static async Task<Results<Ok<AttendanceReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        Guid id, bool? dryRun, HttpRequest http, TrainingStore store, AttendanceRecorder recorder, IOptions<TrainingOptions> options, CancellationToken ct)
    {
        var v = new Validation();
        if (await LoadAsync(store, id, v, ct) is not var (session, course))
        {
            return v.IsValid ? Problems.NotFound("session") : v.ToProblem();
        }

        try
        {
            var file = TabularFile.Read(await ImportBody.ReadAsync(http, options.Value.MaxImportBytes, ct), options.Value.MaxUncompressedBytes, options.Value.MaxImportRows);
            var columns = ImportColumns.Map(file.Header, Columns, ["staffId", "status"]);
            var problems = new List<RowProblem>();
            var entries = file.Rows.Select(row => Entry(row, columns, problems)).ToList();
            var rows = await recorder.CheckAsync(session, course, entries, (i, f, m) => problems.Add(new RowProblem(file.Rows[i].Line, f, m)), ct);
            problems = [.. problems.Distinct().OrderBy(p => p.Line)];
            var report = new AttendanceReport(dryRun ?? false, false, file.Rows.Count, problems.Count == 0 ? rows.Count : 0, rows.Count(r => r.Qualifies), problems);
            if (report.DryRun)
            {
                return TypedResults.Ok(report);
            }

            if (problems.Count > 0)
            {
                return ImportBody.RowsRejected(problems);
            }

            return await recorder.WriteAsync(session, course, rows, "attendance.imported", ct)
                ? TypedResults.Ok(report with { Applied = true })
                : AttendanceRecorder.AlreadyRecorded();
        }
        catch (ImportRefusedException e)
        {
            return ImportBody.Refused(e);
        }
    }

    // Cells are parsed here; a cell that does not parse is reported and left empty, so the shared checks do not report it again.
    private static AttendanceEntry Entry(TabularRow row, ImportColumns columns, List<RowProblem> problems)
    {
        var statusText = columns.Get(row, "status");
        AttendanceStatus? status = null;
        if (statusText is not null)
        {
            if (StrictEnum.TryParse<AttendanceStatus>(statusText, out var s) || ChineseStatus.TryGetValue(statusText, out s))
            {
                status = s;
            }
            else
            {
                problems.Add(new RowProblem(row.Line, "status", "must be Present, Late or Absent."));
                status = AttendanceStatus.Present;
            }
        }

        decimal? hours = null;
        if (columns.Get(row, "hoursCredited") is { } h)
        {
            if (decimal.TryParse(h, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var d))
            {
                hours = d;
            }
            else
            {
                problems.Add(new RowProblem(row.Line, "hoursCredited", "must be a number of hours."));
            }
        }

        int? score = null;
        if (columns.Get(row, "score") is { } sc)
        {
            if (int.TryParse(sc, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                score = n;
            }
            else
            {
                problems.Add(new RowProblem(row.Line, "score", "must be a whole number from 0 to 100."));
            }
        }

        return new AttendanceEntry(columns.Get(row, "staffId"), status, hours, score);
    }

    // The session and its course; adds a sessionId error when it has not started yet; null (no error) when unknown.
    private static async Task<(SessionView, CourseRow)?> LoadAsync(TrainingStore store, Guid sessionId, Validation v, CancellationToken ct)
    {
        var session = await CatalogueEndpoints.LoadSessionAsync(store, sessionId, ct);
        if (session is null || await CatalogueEndpoints.LoadAsync(store, session.CourseCode, ct) is not { } course)
        {
            return null;
        }

        if (session.StartsAt > store.Time.GetUtcNow())
        {
            v.Add("sessionId", $"the session starts at {session.StartsAt:O}; attendance can be recorded once it has started.");
            return null;
        }

        return (session, course);
    }
}
