using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Reading;

/// <summary><c>GET /api/v1/complaints</c>: the working list, filtered, sorted and paged, within the caller's scope.</summary>
internal static class SearchComplaintsEndpoints
{
    public sealed record Filter(
        ComplaintStatus? Status, string? BranchId, DateTimeOffset? ReceivedFrom, DateTimeOffset? ReceivedTo,
        string? BusinessChannel, string? BusinessType, string? Reason, string? ProductCode, IntakeChannel? IntakeChannel, string? HandlerId,
        bool? Overdue, DateTimeOffset? DueBefore, Clock? Clock, bool? Vulnerable, bool? Repeat, bool? Escalated, string? Sort);

    public sealed record Summary(
        Guid Id, string Reference, ComplaintStatus Status, DateTimeOffset ReceivedAt, string BranchId, IntakeChannel IntakeChannel,
        string BusinessChannel, string BusinessType, string Reason, string ProductCode, string? HandlerId,
        DateTimeOffset InternalDueAt, DateTimeOffset RegulatoryDueAt, DueState DueState, bool IsRepeat, bool Vulnerable, bool CalendarMaintained);

    // Whitelisted sort keys: the client names a key, never SQL.
    private static readonly Dictionary<string, string> Sorts = new(StringComparer.Ordinal)
    {
        ["receivedAt"] = "received_at ASC, id ASC",
        ["-receivedAt"] = "received_at DESC, id DESC",
        ["internalDueAt"] = "internal_due_at ASC, id ASC",
        ["-internalDueAt"] = "internal_due_at DESC, id DESC",
        ["regulatoryDueAt"] = "regulatory_due_at ASC, id ASC",
        ["-regulatoryDueAt"] = "regulatory_due_at DESC, id DESC",
        ["reference"] = "reference ASC",
        ["-reference"] = "reference DESC",
    };

    private const string SummaryColumns = """
        id, reference, status, received_at, branch_id, intake_channel, business_channel, business_type, reason, product_code,
        handler_id, internal_due_at, regulatory_due_at, due_state, vulnerable_elderly, vulnerable_disability, vulnerable_other,
        calendar_maintained
        """;

    public static void Map(RouteGroupBuilder group) =>
        group.MapGet("/", Handle).RequireRoles(GetComplaintEndpoints.Readers).WithName("SearchComplaints").WithSummary("List complaints in the caller's scope");

    private static async Task<Results<Ok<Page<Summary>>, ValidationProblem>> Handle(
        [AsParameters] Filter f, int? page, int? pageSize, HttpContext http, ComplaintStore store, TimeProvider time, CancellationToken ct)
    {
        var v = Validate(f);
        var paging = Paging.From(page, pageSize, v);
        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var caller = Caller.From(http.User)!;
        var (where, args) = Where(f, caller, time.GetUtcNow());
        args.Add("Offset", paging.Offset);
        args.Add("Limit", paging.PageSize);
        var order = OrderBy(f.Sort);
        var (total, rows) = await store.Db.ReadAsync(async c =>
        {
            var count = await c.ExecuteScalarAsync<long>(new CommandDefinition(CountSql(where), args, cancellationToken: ct));
            var items = await c.QueryAsync<ComplaintRow>(new CommandDefinition(PageSql(where, order, store.Db.Dialect, ComplaintScope.RepeatOf(caller)), args, cancellationToken: ct));
            return (count, items.AsList());
        }, ct);
        return TypedResults.Ok(paging.Of(rows, ToSummary, r => r.Id.ToString(), total));
    }

    // The statements are assembled from fixed fragments only (where clause, whitelisted order); values are parameters.
    internal static string CountSql(string where) => "SELECT COUNT(*) FROM [complaints].[complaint] WHERE " + where;

    internal static string PageSql(string where, string order, Shared.Data.SqlDialect dialect, string repeatOf) =>
        "SELECT " + SummaryColumns + ", " + repeatOf + " AS repeat_of_id FROM [complaints].[complaint] WHERE " + where + " ORDER BY " + order + " " + dialect.Page;

    internal static IEnumerable<string> SortOrders => Sorts.Values;

    internal static Summary ToSummary(ComplaintRow r) => new(
        r.Id, r.Reference, r.StatusValue, r.ReceivedAt, r.BranchId, StrictEnum.FromStored<IntakeChannel>(r.IntakeChannel, "intakeChannel"), r.BusinessChannel,
        r.BusinessType, r.Reason, r.ProductCode, r.HandlerId, r.InternalDueAt, r.RegulatoryDueAt, StrictEnum.FromStored<DueState>(r.DueState, "dueState"),
        r.RepeatOfId is not null, r.VulnerableElderly || r.VulnerableDisability || r.VulnerableOther, r.CalendarMaintained);

    /// <summary>The WHERE clause from fixed fragments; every value is a parameter.</summary>
    internal static (string Where, DynamicParameters Args) Where(Filter f, Caller caller, DateTimeOffset now)
    {
        var parts = new List<string> { ComplaintScope.Filter(caller) };
        var args = new DynamicParameters(ComplaintScope.Args(caller));
        void Add(bool when, string sql, string name, object? value)
        {
            if (when)
            {
                parts.Add(sql);
                args.Add(name, value);
            }
        }

        Add(f.Status is not null, "status = @Status", "Status", f.Status?.ToString());
        Add(f.BranchId is not null, "branch_id = @BranchId", "BranchId", f.BranchId);
        Add(f.ReceivedFrom is not null, "received_at >= @ReceivedFrom", "ReceivedFrom", f.ReceivedFrom);
        Add(f.ReceivedTo is not null, "received_at < @ReceivedTo", "ReceivedTo", f.ReceivedTo);
        Add(f.BusinessChannel is not null, "business_channel = @BusinessChannel", "BusinessChannel", f.BusinessChannel);
        Add(f.BusinessType is not null, "business_type = @BusinessType", "BusinessType", f.BusinessType);
        Add(f.Reason is not null, "reason = @Reason", "Reason", f.Reason);
        Add(f.ProductCode is not null, "product_code = @ProductCode", "ProductCode", f.ProductCode);
        Add(f.IntakeChannel is not null, "intake_channel = @IntakeChannel", "IntakeChannel", f.IntakeChannel?.ToString());
        Add(f.HandlerId is not null, "handler_id = @HandlerId", "HandlerId", f.HandlerId);
        // The deadline job's notion (Deadlines.StateOf): open (Lifecycle's open states, listed so the status index
        // serves) and now at or past the deadline; on the named clock, or on either clock when none is named.
        const string open = "status IN ('Received', 'Assigned', 'InProgress', 'Reopened', 'Referred')";
        string Due(string op, string p) => f.Clock switch
        {
            Clock.Internal => $"internal_due_at {op} {p}",
            Clock.Regulatory => $"regulatory_due_at {op} {p}",
            _ => $"(internal_due_at {op} {p} OR regulatory_due_at {op} {p})",
        };
        Add(f.Overdue == true, $"{open} AND {Due("<=", "@Now")}", "Now", now);
        Add(f.Overdue == false, $"NOT ({open} AND {Due("<=", "@NowNot")})", "NowNot", now);
        Add(f.DueBefore is not null, $"{open} AND {Due("<", "@DueBefore")}", "DueBefore", f.DueBefore);
        if (f.Vulnerable is { } vulnerable)
        {
            parts.Add(vulnerable
                ? "(vulnerable_elderly = 1 OR vulnerable_disability = 1 OR vulnerable_other = 1)"
                : "(vulnerable_elderly = 0 AND vulnerable_disability = 0 AND vulnerable_other = 0)");
        }

        if (f.Repeat is { } repeat)
        {
            // Judged on the link as the caller may see it, so the filter reveals no more than the rows do.
            parts.Add(ComplaintScope.RepeatOf(caller) + (repeat ? " IS NOT NULL" : " IS NULL"));
        }

        if (f.Escalated is { } escalated)
        {
            parts.Add(escalated ? "escalated_at IS NOT NULL" : "escalated_at IS NULL");
        }

        return (string.Join(" AND ", parts), args);
    }

    /// <summary>The filter's own rules, shared with the CSV export.</summary>
    internal static Validation Validate(Filter f) => new Validation()
        .Check(f.Sort is null || Sorts.ContainsKey(f.Sort), "sort", "must be one of " + string.Join(", ", Sorts.Keys) + ".")
        .Check(f.ReceivedFrom is null || f.ReceivedTo is null || f.ReceivedFrom < f.ReceivedTo, "receivedTo", "must be after receivedFrom.")
        .Text("branchId", f.BranchId, 50, required: false).Text("productCode", f.ProductCode, 50, required: false)
        .Text("handlerId", f.HandlerId, 200, required: false);

    /// <summary>The ORDER BY for a validated sort key (newest first by default).</summary>
    internal static string OrderBy(string? sort) => Sorts[sort ?? "-receivedAt"];
}
