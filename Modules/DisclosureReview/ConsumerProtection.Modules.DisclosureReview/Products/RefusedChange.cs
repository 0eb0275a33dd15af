using Microsoft.AspNetCore.Http.HttpResults;

namespace ConsumerProtection.Modules.DisclosureReview.Products;

/// <summary>
/// Thrown inside a change's transaction to refuse it after something was already written (an approval bound, then the
/// product found changed by a concurrent request): the transaction is disposed uncommitted, so a refusal stores nothing.
/// Caught by <see cref="ProductChanges"/> and <c>ReviewChanges</c> around the transaction and answered as its problem.
/// </summary>
internal sealed class RefusedChange(ProblemHttpResult problem) : Exception(problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title)
{
    public ProblemHttpResult Problem { get; } = problem;
}
