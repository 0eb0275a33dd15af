using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Infrastructure;
using ConsumerProtection.Modules.Training.Staff;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Http.Workflow;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Training.Catalogue;

/// <summary>Courses (plans 4, 7: topics, tests) and their sessions; the session part is in <c>.Sessions</c>.</summary>
internal static partial class CatalogueEndpoints
{
    private const string ListCourses = $"SELECT {CourseRow.Columns} FROM [training].[course] ORDER BY code";

    private const string InsertCourse = """
        INSERT INTO [training].[course] (code, title_zh, title_en, topic, minutes, mode, mandatory_for, pass_mark, version, created_at, updated_at)
        VALUES (@Code, @TitleZh, @TitleEn, @Topic, @Minutes, @Mode, @MandatoryFor, @PassMark, 1, @Now, @Now)
        """;

    private const string UpdateCourse = """
        UPDATE [training].[course] SET title_zh = @TitleZh, title_en = @TitleEn, topic = @Topic, minutes = @Minutes, mode = @Mode,
            mandatory_for = @MandatoryFor, pass_mark = @PassMark, version = version + 1, updated_at = @Now
        WHERE code = @Code AND version = @Version
        """;

    public static void Map(RouteGroupBuilder group)
    {
        var courses = group.MapGroup("/courses");
        courses.MapGet("", ListAsync).RequireRoles(TrainingRoles.Readers).WithName("ListTrainingCourses")
            .WithSummary("List courses").WithDescription("Every course, by code.");
        courses.MapGet("/{code}", GetAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingCourse")
            .WithSummary("Read a course").WithDescription("One course with its ETag.").ProducesProblem(StatusCodes.Status404NotFound);
        courses.MapPost("", CreateAsync).RequireRoles(TrainingRoles.Writers).WithIdempotency().WithName("CreateTrainingCourse")
            .WithSummary("Add a course")
            .WithDescription("Adds a course: code, titles (zh, en), topic, hours (≥ 0, whole minutes), mode, the role categories it is mandatory for, pass mark (0–100) if tested. 409 if the code exists.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        courses.MapPut("/{code}", UpdateAsync).RequireRoles(TrainingRoles.Writers).WithName("UpdateTrainingCourse")
            .WithSummary("Change a course").WithDescription("Replaces a course; requires If-Match (428 without, 412 when stale). Attendance already recorded keeps the pass decision it was recorded with.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired);
        MapSessions(group);
    }

    private static async Task<Ok<IReadOnlyList<CourseView>>> ListAsync(TrainingStore store, CancellationToken ct)
    {
        var rows = await store.Db.ReadAsync(async c => (await c.QueryAsync<CourseRow>(new CommandDefinition(ListCourses, cancellationToken: ct))).AsList(), ct);
        return TypedResults.Ok<IReadOnlyList<CourseView>>(rows.Select(r => r.View()).ToList());
    }

    internal static Task<CourseRow?> LoadAsync(TrainingStore store, string code, CancellationToken ct) =>
        StaffRules.IsCode(code)
            ? store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<CourseRow>(new CommandDefinition(CourseRow.SelectByCode, new { Code = code }, cancellationToken: ct)), ct)
            : Task.FromResult<CourseRow?>(null);

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> GetAsync(string code, TrainingStore store, HttpContext http, CancellationToken ct)
    {
        if (await LoadAsync(store, code, ct) is not { } row)
        {
            return Problems.NotFound("course");
        }

        http.Response.Headers.ETag = ETags.For(row.Version);
        return TypedResults.Ok(row.View());
    }

    private static async Task<Results<Created<CourseView>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CourseRequest request, TrainingStore store, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        if (CourseRules.FromRequest(request.Code ?? "", request, v) is not { } row)
        {
            return v.ToProblem();
        }

        var now = store.Time.GetUtcNow();
        row.Version = 1;
        var created = await store.Db.InTransactionAsync(async (c, tx) =>
        {
            if (await c.QuerySingleOrDefaultAsync<CourseRow>(new CommandDefinition(CourseRow.SelectByCode, new { row.Code }, tx, cancellationToken: ct)) is not null)
            {
                return false;
            }

            await c.ExecuteAsync(new CommandDefinition(InsertCourse, Args(row, now), tx, cancellationToken: ct));
            await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry("course.created", "course", row.Code, null, row.Snapshot()), ct);
            return true;
        }, ct);
        if (!created)
        {
            return Problems.Conflict($"Course {row.Code} exists; change it with PUT.");
        }

        http.Response.Headers.ETag = ETags.For(1);
        return TypedResults.Created($"/api/v1/training/courses/{row.Code}", row.View());
    }

    private static async Task<Results<Ok<CourseView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string code, CourseRequest request, TrainingStore store, HttpContext http, CancellationToken ct)
    {
        var v = new Validation();
        v.Check(request.Code is null || request.Code == code, "code", "must match the code in the path (or be left out).");
        if (CourseRules.FromRequest(code, request, v) is not { } row || !v.IsValid)
        {
            return v.ToProblem();
        }

        var now = store.Time.GetUtcNow();
        var guard = new Guard<CourseRow>("course",
            (c, tx) => c.QuerySingleOrDefaultAsync<CourseRow>(new CommandDefinition(CourseRow.SelectByCode, new { Code = code }, tx, cancellationToken: ct)),
            old => old.Version);
        return await GuardedChange.RunAsync(http, store.Db, v, guard, async (c, tx, old) =>
        {
            row.Version = old.Version;
            await c.ExecuteAsync(new CommandDefinition(UpdateCourse, Args(row, now), tx, cancellationToken: ct));
            row.Version = old.Version + 1;
            await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry("course.changed", "course", code, old.Snapshot(), row.Snapshot()), ct);
            return new Applied<Ok<CourseView>>(TypedResults.Ok(row.View()), row.Version);
        }, ct);
    }

    private static object Args(CourseRow r, DateTimeOffset now) =>
        new { r.Code, r.TitleZh, r.TitleEn, r.Topic, r.Minutes, r.Mode, r.MandatoryFor, r.PassMark, r.Version, Now = now };
}
