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

namespace ConsumerProtection.Modules.Training.Catalogue;

/// <summary>A session as the API takes it.</summary>
internal sealed record SessionRequest(string? CourseCode, DateTimeOffset? StartsAt, string? Trainer, string? Location, string? BranchId);

/// <summary>A session as shown; <c>localDate</c> is the bank-local day it counts for.</summary>
internal sealed record SessionView(Guid Id, string CourseCode, DateTimeOffset StartsAt, DateOnly LocalDate, string Trainer, string Location, string BranchId);

internal static partial class CatalogueEndpoints
{
    internal const string SessionColumns = """
        id AS Id, course_code AS CourseCode, starts_at AS StartsAt, local_date AS LocalDate, trainer AS Trainer, location AS Location, branch_id AS BranchId
        """;

    internal const string SelectSession = $"SELECT {SessionColumns} FROM [training].[session] WHERE id = @Id";

    private const string InsertSession = """
        INSERT INTO [training].[session] (id, course_code, starts_at, local_date, trainer, location, branch_id, created_at)
        VALUES (@Id, @CourseCode, @StartsAt, @LocalDate, @Trainer, @Location, @BranchId, @Now)
        """;

    private const string SessionFilter = """
        FROM [training].[session] WHERE local_date >= @From AND local_date <= @To AND (@Branch IS NULL OR branch_id = @Branch)
        """;

    private static void MapSessions(RouteGroupBuilder group)
    {
        var sessions = group.MapGroup("/sessions");
        sessions.MapGet("", ListSessionsAsync).RequireRoles(TrainingRoles.Readers).WithName("ListTrainingSessions")
            .WithSummary("List sessions")
            .WithDescription("Sessions between `from` and `to` (bank-local days, default the current year), in the caller's scope (a branch manager: its branch), paged.")
            .ProducesValidationProblem();
        sessions.MapGet("/{id:guid}", GetSessionAsync).RequireRoles(TrainingRoles.Readers).WithName("GetTrainingSession")
            .WithSummary("Read a session").WithDescription("One session; 404 outside the caller's scope.").ProducesProblem(StatusCodes.Status404NotFound);
        sessions.MapPost("", CreateSessionAsync).RequireRoles(TrainingRoles.Writers).WithIdempotency().WithName("CreateTrainingSession")
            .WithSummary("Schedule a session")
            .WithDescription("A session of a course: start, trainer, location or link, branch. 400 naming `courseCode` for an unknown course.")
            .ProducesValidationProblem();
    }

    private static async Task<Results<Ok<Page<SessionView>>, ValidationProblem>> ListSessionsAsync(
        HttpContext http, TrainingStore store, IWorkingCalendar calendar, DateOnly? from, DateOnly? to, string? branchId, int? page, int? pageSize, CancellationToken ct)
    {
        var v = new Validation();
        var paging = Paging.From(page, pageSize, v);
        v.Check(branchId is null || StaffRules.IsBranch(branchId), "branchId", "must be 1 to 50 letters or digits.");
        var today = (await calendar.GetAsync(ct)).LocalDate(store.Time.GetUtcNow());
        var start = from ?? new DateOnly(today.Year, 1, 1);
        var end = to ?? new DateOnly(today.Year, 12, 31);
        v.Check(end >= start, "to", "must not be before from.");
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var scope = TrainingRoles.BranchScope(caller);
        if (scope is not null && branchId is not null && branchId != scope)
        {
            return TypedResults.Ok(paging.Of<SessionView>([], 0));
        }

        var args = new { From = start, To = end, Branch = scope ?? branchId, paging.Offset, Limit = paging.PageSize };
        var (rows, total) = await store.Db.ReadAsync(async c =>
        {
            var list = await c.QueryAsync<SessionView>(new CommandDefinition($"SELECT {SessionColumns} {SessionFilter} ORDER BY starts_at, id {store.Db.Dialect.Page}", args, cancellationToken: ct));
            var count = await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) " + SessionFilter, args, cancellationToken: ct));
            return (list.AsList(), count);
        }, ct);
        return TypedResults.Ok(paging.Of(rows, total));
    }

    internal static Task<SessionView?> LoadSessionAsync(TrainingStore store, Guid id, CancellationToken ct) =>
        store.Db.ReadAsync(c => c.QuerySingleOrDefaultAsync<SessionView>(new CommandDefinition(SelectSession, new { Id = id }, cancellationToken: ct)), ct);

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> GetSessionAsync(Guid id, HttpContext http, TrainingStore store, CancellationToken ct)
    {
        var session = await LoadSessionAsync(store, id, ct);
        return session is null || !TrainingRoles.CanSee(Caller.From(http.User)!, session.BranchId) ? Problems.NotFound("session") : TypedResults.Ok(session);
    }

    private static async Task<Results<Created<SessionView>, ValidationProblem>> CreateSessionAsync(
        SessionRequest r, TrainingStore store, IWorkingCalendar calendar, CancellationToken ct)
    {
        var v = new Validation();
        v.Check(StaffRules.IsCode(r.CourseCode), "courseCode", "must be 1 to 50 letters, digits, '-' or '_'.");
        v.Required("startsAt", r.StartsAt);
        v.Text("trainer", r.Trainer, 200);
        v.Text("location", r.Location, 500);
        v.Check(StaffRules.IsBranch(r.BranchId), "branchId", "must be 1 to 50 letters or digits.");
        if (v.IsValid && await LoadAsync(store, r.CourseCode!, ct) is null)
        {
            v.Add("courseCode", "names no course.");
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var rules = await calendar.GetAsync(ct);
        var now = store.Time.GetUtcNow();
        var session = new SessionView(Guid.CreateVersion7(now), r.CourseCode!, r.StartsAt!.Value.ToUniversalTime(), rules.LocalDate(r.StartsAt.Value),
            r.Trainer!.Trim(), r.Location!.Trim(), r.BranchId!);
        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(InsertSession, new
            {
                session.Id, session.CourseCode, session.StartsAt, session.LocalDate, session.Trainer, session.Location, session.BranchId, Now = now,
            }, tx, cancellationToken: ct));
            await store.Audit.AppendAsync(store.Db, c, tx, new AuditEntry("session.created", "session", session.Id.ToString(), null,
                new { session.CourseCode, session.StartsAt, session.LocalDate, session.BranchId }), ct);
            return 0;
        }, ct);
        return TypedResults.Created($"/api/v1/training/sessions/{session.Id}", session);
    }
}
