using ConsumerProtection.Modules.DisclosureReview.Documents;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.DisclosureReview.Checking;

/// <summary>
/// <c>POST /check</c>: checks a draft (JSON text or an uploaded file) against the current rule set without storing it,
/// for authors drafting; and the rule-set endpoints (see the <c>.RuleSets</c> part).
/// </summary>
internal static partial class CheckingEndpoints
{
    // Multipart framing around the largest document.
    internal const long FormOverhead = 64 * 1024;

    public static void Map(RouteGroupBuilder group)
    {
        var max = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IOptions<DisclosureOptions>>().Value.MaxDocumentBytes;
        group.MapPost("/check", CheckAsync)
            .RequireRoles(CheckingRoles.Checkers)
            .WithMetadata(new RequestSizeLimitAttribute(max + FormOverhead))
            // One Accepts: the last one would otherwise narrow the endpoint to a single content type (415 for the other).
            .Accepts<CheckTextRequest>("application/json", "multipart/form-data")
            .WithName("CheckDisclosureDraft")
            .WithSummary("Check a draft disclosure").WithDescription("Checks a draft document against the current rule set without storing it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        MapRuleSets(group);
    }

    private static async Task<Results<Ok<CheckResponse>, ValidationProblem, ProblemHttpResult>> CheckAsync(
        HttpRequest request, DocumentReader reader, RuleSetStore store, CancellationToken ct)
    {
        CheckRequestReader.Parsed parsed;
        try
        {
            parsed = await CheckRequestReader.ReadAsync(request, reader, ct);
        }
        catch (DocumentRefusedException e)
        {
            return Refused(e);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problems.Status(413, "The request body is too large.", e.Message);
        }

        if (!parsed.Errors.IsValid || parsed.Subject is null || parsed.Document is null)
        {
            return parsed.Errors.ToProblem();
        }

        var set = await store.CurrentAsync(ct);
        var findings = Checker.Check(set, parsed.Document, parsed.Subject);
        var counts = new FindingCounts(
            findings.Count(f => f.Severity == Severity.Blocker), findings.Count(f => f.Severity == Severity.Major), findings.Count(f => f.Severity == Severity.Minor));
        return TypedResults.Ok(new CheckResponse(set.Version, parsed.Document.Format, parsed.Document.Text.Length, parsed.Document.Paragraphs.Count, counts, findings));
    }

    // 400 names the field ("file"); 413 for a document over the limits. The code tells clients which refusal it is.
    internal static ProblemHttpResult Refused(DocumentRefusedException e) =>
        Problems.Status(e.Status,
            e.Status == 413 ? "The document is too large." : "The document is refused.",
            e.Message,
            new Dictionary<string, object?>
            {
                ["code"] = e.Code,
                ["errors"] = new Dictionary<string, string[]> { ["file"] = [e.Message] },
            });
}
