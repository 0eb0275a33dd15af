using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary><c>GET /alerts</c> (filtered, paged, newest first) and <c>GET /alerts/{id}</c> (with notes and ETag).</summary>
internal static partial class AlertEndpoints
{
    public sealed record Filter(string? Status, string? Rule, string? StaffId, DateTimeOffset? From, DateTimeOffset? To, int? Page, int? PageSize);

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/alerts", ListAll).RequireRoles(MisuseRoles.Readers).WithName("ListPiAccessAlerts").WithSummary("List misuse alerts");
        group.MapGet("/alerts/{id:guid}", Get).RequireRoles(MisuseRoles.Readers).WithName("GetPiAccessAlert").WithSummary("Get a misuse alert");
    }

    // Assembled from fixed fragments only; every value is a parameter.
    internal static string Where(Filter f)
    {
        var clauses = new List<string> { "1 = 1" };
        if (f.Status is not null)
        {
            clauses.Add("status = @Status");
        }

        if (f.Rule is not null)
        {
            clauses.Add("[rule] = @Rule");
        }

        if (f.StaffId is not null)
        {
            clauses.Add("staff_id = @StaffId");
        }

        if (f.From is not null)
        {
            clauses.Add("detected_at >= @From");
        }

        if (f.To is not null)
        {
            clauses.Add("detected_at < @To");
        }

        return string.Join(" AND ", clauses);
    }

    private static async Task<Results<Ok<Page<AlertView>>, ValidationProblem>> ListAll(
        [AsParameters] Filter f, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        var v = new Validation();
        var status = f.Status is null ? null : MisuseRoles.ParseEnum<AlertStatus>(v, "status", f.Status);
        var rule = f.Rule is null ? null : MisuseRoles.ParseEnum<MisuseRule>(v, "rule", f.Rule);
        v.Text("staffId", f.StaffId, 200, required: false);
        v.Check(f.From is null || f.To is null || f.From < f.To, "to", "must be later than from.");
        var paging = Paging.From(f.Page, f.PageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var where = Where(f);
        var args = new { Status = status?.ToString(), Rule = rule?.ToString(), f.StaffId, f.From, f.To, paging.Offset, Limit = paging.PageSize };
        var (total, rows) = await db.ReadAsync(async c => (
            await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM [piaccess].[alert] WHERE " + where, args, cancellationToken: ct)),
            (await c.QueryAsync<AlertRow>(new CommandDefinition(
                $"SELECT {AlertSql.Columns} FROM [piaccess].[alert] WHERE {where} ORDER BY detected_at DESC, id DESC {db.Dialect.Page}", args,
                cancellationToken: ct))).AsList()), ct);
        return TypedResults.Ok(paging.Of(rows.Select(r => AlertView.From(r)).ToList(), total));
    }

    private static async Task<Results<Ok<AlertView>, ProblemHttpResult>> Get(
        Guid id, HttpContext http, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        var view = await db.ReadAsync(c => ReadAsync(c, null, id, ct), ct);
        if (view is null)
        {
            return Problems.NotFound("alert");
        }

        http.Response.Headers.ETag = AlertView.ETag(view.Version);
        return TypedResults.Ok(view);
    }

    /// <summary>The alert with its notes, or null.</summary>
    public static async Task<AlertView?> ReadAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction? tx, Guid id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(AlertSql.ById, new { Id = id }, tx, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var notes = await c.QueryAsync<NoteRow>(new CommandDefinition(AlertSql.Notes, new { AlertId = id }, tx, cancellationToken: ct));
        return AlertView.From(row, notes.Select(n => n.View()).ToList());
    }
}
