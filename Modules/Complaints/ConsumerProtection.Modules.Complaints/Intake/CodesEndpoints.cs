using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Intake;

/// <summary>The JR/T 0169 codes: anyone signed in reads them; Admin adds, renames or deactivates (never deletes: history uses them).</summary>
internal static class CodesEndpoints
{
    public sealed record CodeRequest(string? NameZh, string? NameEn, bool? Active);

    public const string Upsert = """
        UPDATE [complaints].[code] SET name_zh = @NameZh, name_en = @NameEn, active = @Active WHERE axis = @Axis AND code = @Code
        """;

    public const string InsertCode = """
        INSERT INTO [complaints].[code] (axis, code, name_zh, name_en, active) VALUES (@Axis, @Code, @NameZh, @NameEn, @Active)
        """;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/codes", List).RequireRoles(Roles.All).WithName("ListComplaintCodes").WithSummary("List complaint classification codes");
        group.MapPut("/codes/{axis}/{code}", Put).RequireRoles(Role.Admin).WithName("PutComplaintCode").WithSummary("Add or change a classification code");
    }

    private static async Task<Ok<IReadOnlyList<CodeEntry>>> List(Taxonomy taxonomy, CancellationToken ct) =>
        TypedResults.Ok(await taxonomy.AllAsync(ct));

    private static async Task<Results<Ok<CodeEntry>, ValidationProblem>> Put(
        string axis, string code, CodeRequest request, Taxonomy taxonomy, ComplaintStore store, IAuditWriter audit, CancellationToken ct)
    {
        var v = new Validation()
            .Check(StrictEnum.TryParse<Axis>(axis, out _), "axis", "must be A, B or C.")
            .Check(code.Length is >= 2 and <= 10 && code.StartsWith(axis, StringComparison.Ordinal) && code.All(char.IsAsciiLetterOrDigit),
                "code", "must start with the axis letter and hold 2 to 10 letters or digits.")
            .Text("nameZh", request.NameZh, 100).Text("nameEn", request.NameEn, 200).Required("active", request.Active);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var entry = new CodeEntry(axis, code, request.NameZh!.Trim(), request.NameEn!.Trim(), request.Active!.Value);
        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            var before = (await c.QueryAsync<CodeEntry>(new CommandDefinition(
                Taxonomy.SelectAll, transaction: tx, cancellationToken: ct))).FirstOrDefault(e => e.Axis == axis && e.Code == code);
            if (await c.ExecuteAsync(new CommandDefinition(Upsert, entry, tx, cancellationToken: ct)) == 0)
            {
                await c.ExecuteAsync(new CommandDefinition(InsertCode, entry, tx, cancellationToken: ct));
            }

            await audit.AppendAsync(store.Db, c, tx, new AuditEntry("code.saved", "complaint-code", axis + ":" + code, before, entry), ct);
            return 0;
        }, ct);
        taxonomy.Invalidate();
        return TypedResults.Ok(entry);
    }
}
