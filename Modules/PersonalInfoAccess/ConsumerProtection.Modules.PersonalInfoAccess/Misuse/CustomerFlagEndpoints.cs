using ConsumerProtection.Shared.Audit;
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

/// <summary>Customers flagged VIP or employee: every access to them raises a FlaggedCustomer alert.</summary>
internal static class CustomerFlagEndpoints
{
    public sealed record FlagRequest(string? Flag, string? Note);

    public sealed record FlagView(string CustomerReference, CustomerFlagKind Flag, string? Note, string SetBy, DateTimeOffset SetAt);

    private sealed class FlagRow
    {
        public string CustomerRef { get; set; } = "";
        public string Flag { get; set; } = "";
        public string? Note { get; set; }
        public string SetBy { get; set; } = "";
        public DateTimeOffset SetAt { get; set; }

        public FlagView View() => new(CustomerRef, StrictEnum.FromStored<CustomerFlagKind>(Flag, "flag"), Note, SetBy, SetAt);

        // The note may describe the person; the audit trail keeps the reference and the flag only.
        public object Snapshot() => new { CustomerRef, Flag, SetBy, SetAt };
    }

    private const string Columns = "customer_ref, flag, note, set_by, set_at";

    public const string ByRef = $"SELECT {Columns} FROM [piaccess].[customer_flag] WHERE customer_ref = @Ref";

    public const string Insert = """
        INSERT INTO [piaccess].[customer_flag] (customer_ref, flag, note, set_by, set_at) VALUES (@Ref, @Flag, @Note, @By, @Now)
        """;

    public const string Replace = """
        UPDATE [piaccess].[customer_flag] SET flag = @Flag, note = @Note, set_by = @By, set_at = @Now WHERE customer_ref = @Ref
        """;

    public const string Remove = "DELETE FROM [piaccess].[customer_flag] WHERE customer_ref = @Ref";

    public const string Count = "SELECT COUNT(*) FROM [piaccess].[customer_flag] WHERE (@Flag IS NULL OR flag = @Flag)";

    public const string List = $"SELECT {Columns} FROM [piaccess].[customer_flag] WHERE (@Flag IS NULL OR flag = @Flag) ORDER BY customer_ref";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapPut("/customer-flags/{customerReference}", Put).RequireRoles(MisuseRoles.Writers).WithName("SetPiAccessCustomerFlag").WithSummary("Flag a customer for closer monitoring");
        group.MapDelete("/customer-flags/{customerReference}", Delete).RequireRoles(MisuseRoles.Writers).WithName("RemovePiAccessCustomerFlag").WithSummary("Remove a customer flag");
        group.MapGet("/customer-flags", ListAll).RequireRoles(MisuseRoles.Readers).WithName("ListPiAccessCustomerFlags").WithSummary("List flagged customers");
    }

    private static async Task<Results<Created<FlagView>, Ok<FlagView>, ValidationProblem>> Put(
        string customerReference, FlagRequest request, HttpContext http, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db,
        IAuditWriter audit, TimeProvider time, CancellationToken ct)
    {
        var v = new Validation();
        Reference(v, customerReference);
        var flag = MisuseRoles.ParseEnum<CustomerFlagKind>(v, "flag", request.Flag);
        v.Text("note", request.Note, 500, required: false, multiline: true);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new { Ref = customerReference.Trim(), Flag = flag!.Value.ToString(), Note = Blank(request.Note), By = Caller.From(http.User)!.Id, Now = time.GetUtcNow() };
        return await db.InTransactionAsync<Results<Created<FlagView>, Ok<FlagView>, ValidationProblem>>(async (c, tx) =>
        {
            var before = await c.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(ByRef, args, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(before is null ? Insert : Replace, args, tx, cancellationToken: ct));
            var after = await c.QuerySingleAsync<FlagRow>(new CommandDefinition(ByRef, args, tx, cancellationToken: ct));
            await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.customer-flag.set", "customer-flag", args.Ref, before?.Snapshot(), after.Snapshot()), ct);
            return before is null ? TypedResults.Created((string?)null, after.View()) : TypedResults.Ok(after.View());
        }, ct);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Delete(
        string customerReference, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, IAuditWriter audit, CancellationToken ct)
    {
        var v = new Validation();
        Reference(v, customerReference);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new { Ref = customerReference.Trim() };
        return await db.InTransactionAsync<Results<NoContent, ValidationProblem, ProblemHttpResult>>(async (c, tx) =>
        {
            var before = await c.QuerySingleOrDefaultAsync<FlagRow>(new CommandDefinition(ByRef, args, tx, cancellationToken: ct));
            if (before is null)
            {
                return Problems.NotFound("customer flag");
            }

            await c.ExecuteAsync(new CommandDefinition(Remove, args, tx, cancellationToken: ct));
            await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.customer-flag.removed", "customer-flag", args.Ref, before.Snapshot(), null), ct);
            return TypedResults.NoContent();
        }, ct);
    }

    private static async Task<Results<Ok<Page<FlagView>>, ValidationProblem>> ListAll(
        string? flag, int? page, int? pageSize, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, CancellationToken ct)
    {
        var v = new Validation();
        var kind = flag is null ? null : MisuseRoles.ParseEnum<CustomerFlagKind>(v, "flag", flag);
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var args = new { Flag = kind?.ToString(), paging.Offset, Limit = paging.PageSize };
        var (total, rows) = await db.ReadAsync(async c => (
            await c.ExecuteScalarAsync<long>(new CommandDefinition(Count, args, cancellationToken: ct)),
            (await c.QueryAsync<FlagRow>(new CommandDefinition(List + " " + db.Dialect.Page, args, cancellationToken: ct))).AsList()), ct);
        return TypedResults.Ok(paging.Of(rows.Select(r => r.View()).ToList(), total));
    }

    private static void Reference(Validation v, string value)
    {
        v.Text("customerReference", value, 100);
        v.Check(!value.Any(char.IsControl), "customerReference", "must not contain control characters.");
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
