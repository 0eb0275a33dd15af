using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.DisclosureReview.Tests.Integration;

/// <summary>
/// The reviewed role matrix of the module (also in Modules/DisclosureReview/README.md), written here by hand and
/// compared with what each endpoint requires: widening an endpoint's role list fails this test.
/// </summary>
public sealed class RoleMatrixTests
{
    private static readonly Dictionary<string, Role[]> Matrix = new()
    {
        ["POST /api/v1/disclosure/check"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Admin],
        ["GET /api/v1/disclosure/rule-sets"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/rule-sets/current"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/rule-sets/{version:int}"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["POST /api/v1/disclosure/rule-sets"] = [Role.ComplianceOfficer],
        ["GET /api/v1/disclosure/products"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/products/{code}"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.SystemClient, Role.Admin],
        ["GET /api/v1/disclosure/products/{code}/documents"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/products/{code}/documents/{documentId:guid}/versions/{number:int}"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/products/{code}/documents/{documentId:guid}/versions/{number:int}/original"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/products/{code}/documents/{documentId:guid}/versions/{number:int}/diff"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/products/{code}/launch-clearance"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.SystemClient, Role.Admin],
        ["GET /api/v1/disclosure/reviews"] = [Role.ComplianceOfficer, Role.Auditor, Role.Admin],
        ["GET /api/v1/disclosure/reviews/{id:guid}"] = [Role.ComplianceOfficer, Role.ProductManager, Role.Auditor, Role.Admin],
        ["POST /api/v1/disclosure/products"] = [Role.ProductManager, Role.Admin],
        ["PUT /api/v1/disclosure/products/{code}"] = [Role.ProductManager, Role.Admin],
        ["POST /api/v1/disclosure/products/{code}/documents"] = [Role.ProductManager, Role.Admin],
        ["POST /api/v1/disclosure/products/{code}/documents/{documentId:guid}/versions"] = [Role.ProductManager, Role.Admin],
        ["POST /api/v1/disclosure/products/{code}/launch"] = [Role.SystemClient, Role.Admin],
        ["POST /api/v1/disclosure/products/{code}/suspend"] = [Role.SystemClient, Role.Admin],
        ["POST /api/v1/disclosure/products/{code}/retire"] = [Role.SystemClient, Role.Admin],
        ["POST /api/v1/disclosure/products/{code}/reviews"] = [Role.ProductManager],
        ["POST /api/v1/disclosure/reviews/{id:guid}/assign"] = [Role.ComplianceOfficer, Role.Admin],
        ["POST /api/v1/disclosure/reviews/{id:guid}/take"] = [Role.ComplianceOfficer],
        ["POST /api/v1/disclosure/reviews/{id:guid}/comments"] = [Role.ComplianceOfficer],
        ["POST /api/v1/disclosure/reviews/{id:guid}/waivers"] = [Role.ComplianceOfficer],
        ["POST /api/v1/disclosure/reviews/{id:guid}/decision"] = [Role.ComplianceOfficer],
    };

    [Test]
    public void Endpoints_RequireExactlyTheReviewedRoles()
    {
        using var api = new ApiFactory();
        _ = api.Server;
        var actual = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/disclosure", StringComparison.Ordinal))
            .ToDictionary(
                e => $"{e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single()} {e.RoutePattern.RawText}",
                e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().SelectMany(a => a.Roles?.Split(',') ?? []).Select(Enum.Parse<Role>).Order().ToArray());
        Assert.That(actual.Keys, Is.EquivalentTo(Matrix.Keys));
        foreach (var (operation, roles) in Matrix)
        {
            Assert.That(actual[operation], Is.EquivalentTo(roles), operation);
        }
    }
}
