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
