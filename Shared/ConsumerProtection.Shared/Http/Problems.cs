using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ConsumerProtection.Shared.Http;

/// <summary>Problem answers used across modules, all <c>application/problem+json</c>.</summary>
public static class Problems
{
    /// <summary>404: the object does not exist or is outside the caller's scope (the two are not told apart).</summary>
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: $"No {what} with that id is visible to you.");

    /// <summary>409: the change is not allowed in the current state.</summary>
    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The change conflicts with the record's state.", detail: detail, extensions: extensions);

    /// <summary>412: the If-Match version is stale.</summary>
    public static ProblemHttpResult PreconditionFailed(string currentETag) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "The record has changed since you read it.",
            detail: "Read the record again and retry with its current ETag.",
            extensions: new Dictionary<string, object?> { ["currentETag"] = currentETag });

    /// <summary>428: a state change needs <c>If-Match</c> with the ETag of the caller's last read of <paramref name="what"/>.</summary>
    public static ProblemHttpResult PreconditionRequired(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match is required.",
            detail: $"Send the ETag from your last read of the {what} in If-Match, so a concurrent change is not overwritten.");

    /// <summary>
    /// Any other problem answer (413 too large, 414, 429, ...): the one place problem results are built, so every
    /// module and middleware answers the same shape (the Host adds the correlation id to each). Members such as a
    /// stable <c>code</c> or an <c>errors</c> dictionary naming the field go in <paramref name="extensions"/>.
    /// </summary>
    public static ProblemHttpResult Status(int status, string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    /// <summary>Builds a problem document for a status with a title and detail.</summary>
    public static ProblemDetails Of(int status, string title, string? detail = null) =>
        new() { Status = status, Title = title, Detail = detail };
}
