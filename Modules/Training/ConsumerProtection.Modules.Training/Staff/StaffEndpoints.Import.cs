using ConsumerProtection.Modules.Training.Domain;
using ConsumerProtection.Modules.Training.Importing;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Training.Staff;

/// <summary><c>POST /staff/import</c>: the HR roster as CSV or .xlsx, dry run or all-or-nothing.</summary>
internal static partial class StaffEndpoints
{
    private static void MapImport(RouteGroupBuilder staff)
    {
        var max = ((IEndpointRouteBuilder)staff).ServiceProvider.GetRequiredService<IOptions<TrainingOptions>>().Value.MaxImportBytes;
        staff.MapPost("/import", ImportAsync).RequireRoles(TrainingRoles.Writers).WithName("ImportTrainingStaff")
            .WithMetadata(new RequestSizeLimitAttribute(max + (64 * 1024)))
            .WithSummary("Import the HR staff roster")
            .WithDescription("""
                The whole roster as CSV (UTF-8 with or without BOM, or GB18030) or .xlsx, as the body (any content type; the format is read from the bytes) or as the one form part `file` of multipart/form-data.
                Columns: staffId, name, branchId, roleCategory, hireDate (required), department, position, leaveDate, active.
                `dryRun=true` reports every bad cell by line and column and what the import would do, changing nothing.
                A real run is all-or-nothing: any bad row answers 400 naming each cell as `rows[line].column`; otherwise new
                staff are added, changed ones updated, active staff missing from the file deactivated. Re-importing the same
                file changes nothing. 409 (nothing stored) when a staff record is edited while the import runs.
                """)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }

    private static async Task<Results<Ok<StaffImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpRequest request, StaffImporter importer, IOptions<TrainingOptions> options, bool? dryRun, CancellationToken ct)
    {
        try
        {
            var bytes = await ImportBody.ReadAsync(request, options.Value.MaxImportBytes, ct);
            var report = await importer.RunAsync(bytes, dryRun ?? false, null, null, ct);
            return !report.DryRun && report.Errors.Count > 0 ? ImportBody.RowsRejected(report.Errors) : TypedResults.Ok(report);
        }
        catch (ImportRefusedException e)
        {
            return ImportBody.Refused(e);
        }
        catch (StaffImportConflictException e)
        {
            return Problems.Conflict(e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "The file is too large.", e.Message);
        }
    }
}
