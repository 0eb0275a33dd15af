using ConsumerProtection.Modules.Complaints.Infrastructure.Retention;
using ConsumerProtection.Shared.Retention;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Handling;

/// <summary>
/// <c>DELETE /api/v1/complaints/{id}</c> (Admin): disposal on request. Refused with 409, the reason and the
/// disposable date while the complaint is open, inside its retention period (3 years after closure) or under
/// legal hold. Afterwards it anonymises, as the disposal job does: the row stays for the statistics.
/// </summary>
internal static class DeleteComplaintEndpoints
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapDelete("/{id:guid}", Handle).RequireRoles(Role.Admin).WithName("DeleteComplaint").WithSummary("Delete a complaint");

    private static Task<Results<NoContent, ProblemHttpResult>> Handle(Guid id, ComplaintRetentionSource source, RetentionGuard guard, CancellationToken ct) =>
        RetentionDelete.HandleAsync(source, guard, id.ToString(), "complaint", ct);
}
