using System.Text;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Import;

/// <summary>
/// <c>POST /api/v1/complaints/import[?dryRun=true]</c>: complaints with their history from another system, as CSV
/// (<c>text/csv</c>) or JSON lines (<c>application/x-ndjson</c>). See the module README, "Importing history".
/// </summary>
internal static class ImportComplaintsEndpoints
{
    /// <summary>The largest file accepted (bytes of UTF-8).</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/import", Handle)
            .RequireRoles(Role.ComplaintSupervisor, Role.Admin)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBytes))
            .TextBody("The file: CSV with a header line, or JSON lines; UTF-8.", ImportFile.CsvMediaType, ImportFile.JsonLinesMediaType)
            .Produces<ComplaintImporter.Report>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithName("ImportComplaints").WithSummary("Import complaints with their history")
            .WithDescription("CSV or JSON lines, one complaint with its whole history a record (fields in the module README). dryRun=true checks every record and stores nothing (200 with every problem by line and field). A real run stores the whole file in one transaction or, with any problem, nothing (400 listing them). A sourceId imported before is skipped, so sending a file again is safe.");

    private static async Task<Results<Ok<ComplaintImporter.Report>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpContext http, bool? dryRun, ComplaintImporter importer, CancellationToken ct)
    {
        var mediaType = http.Request.ContentType?.Split(';')[0].Trim();
        var csv = string.Equals(mediaType, ImportFile.CsvMediaType, StringComparison.OrdinalIgnoreCase);
        if (!csv && !string.Equals(mediaType, ImportFile.JsonLinesMediaType, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported file type.",
                $"Send {ImportFile.CsvMediaType} or {ImportFile.JsonLinesMediaType} (UTF-8).");
        }

        if (http.Request.ContentLength > MaxBytes)
        {
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "The file is too large.",
                $"At most {MaxBytes / 1024 / 1024} MiB a file; split it (each file is imported on its own).");
        }

        using var reader = new StreamReader(http.Request.Body, new UTF8Encoding(false, throwOnInvalidBytes: true));
        string text;
        try
        {
            text = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["is not UTF-8 text."] });
        }

        var report = await importer.RunAsync(text, csv, dryRun ?? false, Caller.From(http.User)!, null, ct);
        if (report.DryRun || report.Errors.Count == 0)
        {
            return TypedResults.Ok(report);
        }

        // Nothing was stored: every problem, keyed "line N: field", and the same list in rowErrors.
        var errors = report.Errors.GroupBy(e => $"line {e.Line}: {(e.Field.Length == 0 ? "record" : e.Field)}")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(errors, title: "The file has problems; nothing was imported.",
            extensions: new Dictionary<string, object?> { ["rowErrors"] = report.Errors });
    }
}
