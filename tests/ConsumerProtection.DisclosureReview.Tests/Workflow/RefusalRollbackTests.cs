using System.Net;
using ConsumerProtection.DisclosureReview.Tests.Infrastructure;
using ConsumerProtection.Modules.DisclosureReview.Products;
using ConsumerProtection.Modules.DisclosureReview.Reviews;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using static ConsumerProtection.DisclosureReview.Tests.Infrastructure.DisclosureApi;

namespace ConsumerProtection.DisclosureReview.Tests.Workflow;

/// <summary>
/// A change refused after it wrote something (a decision binds the approval, then finds the product changed by a
/// concurrent request on SQL Server) must leave nothing behind: the transaction is not committed.
/// </summary>
public sealed class RefusalRollbackTests : DisclosureApiFixture
{
    private HttpContext Officer(string etag)
    {
        var http = new DefaultHttpContext { RequestServices = _api.Factory.Services };
        http.User = new Caller(_api.OfficerId, "officer-a", new HashSet<Role> { Role.ComplianceOfficer }, null).ToPrincipal("test");
        http.Request.Headers.IfMatch = etag;
        return http;
    }

    private async Task<string> ReviewETagAsync(Guid review)
    {
        var response = await _api.Officer.GetAsync($"/api/v1/disclosure/reviews/{review}");
        await Json(response, HttpStatusCode.OK);
        return ETag(response);
    }

    [Test]
    public async Task ReviewChange_RefusedAfterWriting_CommitsNothing()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code);
        var (review, etag) = await _api.SubmitAsync(code);
        var productETag = await _api.ProductETagAsync(code, _api.Officer);

        var changes = _api.Factory.Services.GetRequiredService<ReviewChanges>();
        var result = await changes.ApplyAsync(review, Officer(etag), ReviewAction.Take, new Validation(), async (row, x) =>
        {
            await ProductStore.TouchAsync(x.Connection, x.Transaction, x.Product.Id, x.Now, CancellationToken.None);
            return Problems.Conflict("refused after a write");
        }, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(result.Result, Is.InstanceOf<ProblemHttpResult>());
            Assert.That(((ProblemHttpResult)result.Result).StatusCode, Is.EqualTo(409));
            Assert.That(await _api.ProductETagAsync(code, _api.Officer), Is.EqualTo(productETag), "the product write was rolled back");
            Assert.That(await ReviewETagAsync(review), Is.EqualTo(etag));
        });
    }

    [Test]
    public async Task ProductChange_RefusedAfterWriting_CommitsNothing()
    {
        var code = NewCode();
        await _api.ProductWithDocumentsAsync(code);
        var (review, etag) = await _api.SubmitAsync(code);
        var productETag = await _api.ProductETagAsync(code, _api.Officer);

        var changes = _api.Factory.Services.GetRequiredService<ProductChanges>();
        var outcome = await changes.TryApplyAsync(code, Officer(productETag), ProductAction.AddDocument, new Validation(), async (row, x) =>
        {
            await x.Connection.ExecuteAsync(new CommandDefinition(ReviewStore.DocumentsChangedSql, new { ProductId = row.Id }, x.Transaction));
            return Problems.Conflict("refused after a write");
        }, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.Refused?.StatusCode, Is.EqualTo(409));
            Assert.That(await ReviewETagAsync(review), Is.EqualTo(etag), "the review write was rolled back");
            Assert.That(await _api.ProductETagAsync(code, _api.Officer), Is.EqualTo(productETag));
        });
    }
}
