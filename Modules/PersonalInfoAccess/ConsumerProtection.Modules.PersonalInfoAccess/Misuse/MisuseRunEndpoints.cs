using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Misuse;

/// <summary><c>POST /misuse-runs</c> (Admin): run the rules now over everything past the cursor.</summary>
internal static class MisuseRunEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/misuse-runs", Run).RequireRoles(Role.Admin).WithName("RunPiAccessMisuseRules").WithSummary("Run the misuse rules now");

    private static async Task<Ok<MisuseRun>> Run(
        MisuseDetector detector, [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, IAuditWriter audit, CancellationToken ct)
    {
        var run = await detector.RunOnceAsync(ct);
        await db.InTransactionAsync(async (c, tx) =>
            await audit.AppendAsync(db, c, tx, new AuditEntry("pi-access.misuse-run", "misuse-cursor", MisuseDetector.CursorName, null, run), ct), ct);
        return TypedResults.Ok(run);
    }
}
