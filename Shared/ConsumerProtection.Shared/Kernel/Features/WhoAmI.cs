using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Shared.Kernel.Features;

/// <summary><c>GET /api/v1/me</c>: the caller's identity as the API sees it (any role).</summary>
internal static class WhoAmI
{
    public sealed record Response(string Id, string Name, IReadOnlyList<Role> Roles, string? BranchId, string? DepartmentId);

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me", Handle).RequireRoles(Roles.All).WithTags("Identity").WithName("WhoAmI").WithSummary("Describe the caller");

    private static Ok<Response> Handle(HttpContext http)
    {
        var caller = Caller.From(http.User)!;
        return TypedResults.Ok(new Response(caller.Id, caller.Name, caller.Roles.Order().ToList(), caller.BranchId, caller.DepartmentId));
    }
}
