using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.Complaints.Handling;

/// <summary>
/// Why a workflow action was refused after the state check: a rule of the case (409, e.g. the reopen window) or a
/// permission the caller lacks on this complaint (403, e.g. not the assigned handler).
/// </summary>
internal sealed record Refusal(int Status, string Detail)
{
    public static Refusal Conflict(string detail) => new(StatusCodes.Status409Conflict, detail);

    public static Refusal Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    public ProblemHttpResult ToProblem(string currentStatus) => Status == StatusCodes.Status403Forbidden
        ? Problems.Status(Status, "Not allowed on this complaint.", Detail)
        : Problems.Conflict(Detail, new Dictionary<string, object?> { ["currentStatus"] = currentStatus });
}
