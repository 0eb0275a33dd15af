using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ConsumerProtection.Modules.Complaints.Handling;

/// <summary>The workflow actions: <c>POST /api/v1/complaints/{id}/{action}</c> with <c>If-Match</c>.</summary>
internal static class ChangeComplaintEndpoints
{
    public sealed record AssignRequest(string? DepartmentId, string? HandlerId)
    {
        /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
        internal const string Example = """
            { "handlerId": "handler-1" }
            """;
    }

    public sealed record RespondRequest(Outcome? Outcome, string? ResponseText)
    {
        /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
        internal const string Example = """
            { "outcome": "MonetaryRelief", "responseText": "年费已退还，并已向客户说明收费规则。" }
            """;
    }

    public sealed record FollowUpRequest(bool? Satisfied, int? SatisfactionScore);
    public sealed record CloseRequest(string? RootCause, string? Remediation, string? Accountability, Upheld? Upheld, decimal? RedressPaid)
    {
        /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
        internal const string Example = """
            { "rootCause": "年费规则未在开卡时告知", "remediation": "更新开卡告知书", "accountability": "发卡部", "upheld": "Yes", "redressPaid": 300.00 }
            """;
    }

    public sealed record ReasonRequest(string? Reason);
    public sealed record EscalateRequest(string? Reason, DateTimeOffset? RespondBy);
    public sealed record ReferRequest(ReferralRoute? Route);
    public sealed record ExtendRegulatoryRequest(string? Reason, bool? ConsumerNotified);

    private const int TextMax = 2000;

    public static void Map(RouteGroupBuilder g)
    {
        g.MapPost("/{id:guid}/assign", async (Guid id, AssignRequest r, HttpContext h, Transitions t, HandlerDirectory handlers, CancellationToken ct) =>
            {
                var v = new Validation().Text("departmentId", r.DepartmentId, 50).Text("handlerId", r.HandlerId, 200);
                if (v.IsValid)
                {
                    await handlers.CheckAsync(Caller.From(h.User)!, r.HandlerId!.Trim(), r.DepartmentId!.Trim(), v, ct);
                }

                return await t.ApplyAsync(id, h, ComplaintAction.Assign, v, (row, x) => Assign(row, x, r), ct);
            })
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.Assign)).WithName("AssignComplaint").WithSummary("Assign a complaint")
            .WithDescription("Workflow action: assigns the complaint to a department and handler. handlerId is a caller id — key:<API key id> or jwt:<identity-provider subject> — of an active caller with the ComplaintHandler (or ComplaintSupervisor) role; a handler key bound to a department is assigned within it (400 naming handlerId or departmentId otherwise). Requires If-Match with the complaint's current ETag; answers 409 with allowedActions when the action does not fit the complaint's state, 403 when a handler assigns someone else.");

        g.MapPost("/{id:guid}/start", (Guid id, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.Start, new Validation(), (row, x) => OwnCase(row, x), ct))
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.Start)).WithName("StartComplaint").WithSummary("Start handling a complaint")
            .WithDescription("Workflow action; requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/respond", (Guid id, RespondRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.Respond, new Validation().Required("outcome", r.Outcome).Text("responseText", r.ResponseText, 4000, multiline: true),
                (row, x) => OwnCase(row, x) ?? Respond(row, x, r.Outcome!.Value, r.ResponseText!), ct))
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.Respond)).WithName("RespondToComplaint").WithSummary("Respond to a complaint")
            .WithDescription("Workflow action: records the outcome and the response sent to the consumer. Requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/follow-up", (Guid id, FollowUpRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.FollowUp, new Validation().Required("satisfied", r.Satisfied)
                .Check(r.SatisfactionScore is null or >= 1 and <= 5, "satisfactionScore", "must be 1 to 5."), (row, x) =>
            {
                row.FollowedUpAt = x.Now;
                row.Satisfied = r.Satisfied;
                row.SatisfactionScore = r.SatisfactionScore;
                return OwnCase(row, x);
            }, ct)).RequireRoles(Lifecycle.RolesFor(ComplaintAction.FollowUp)).WithName("FollowUpComplaint").WithSummary("Record the consumer follow-up")
            .WithDescription("Workflow action: records whether the consumer was satisfied. Requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/close", (Guid id, CloseRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.Close, new Validation()
                .Text("rootCause", r.RootCause, TextMax, multiline: true).Text("remediation", r.Remediation, TextMax, multiline: true).Text("accountability", r.Accountability, TextMax, multiline: true)
                .Required("upheld", r.Upheld)
                .Check(r.RedressPaid is null || MoneyRules.ToMinor(r.RedressPaid.Value) is not null, "redressPaid", "must be zero or more with at most two decimals."),
                (row, x) => OwnCase(row, x) ?? Close(row, x, r), ct))
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.Close)).WithName("CloseComplaint").WithSummary("Close a complaint")
            .WithDescription("Workflow action: records root cause, remediation, accountability, whether upheld and any redress paid. Requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/reopen", (Guid id, ReasonRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.Reopen, new Validation().Text("reason", r.Reason, TextMax, multiline: true), (row, x) => Reopen(row, x), ct))
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.Reopen)).WithName("ReopenComplaint").WithSummary("Reopen a complaint")
            .WithDescription("Workflow action; requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/withdraw", (Guid id, ReasonRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.Withdraw, new Validation().Text("reason", r.Reason, TextMax, multiline: true), (row, x) =>
            {
                row.WithdrawnAt = x.Now;
                row.WithdrawReason = r.Reason!.Trim();
                return null;
            }, ct)).RequireRoles(Lifecycle.RolesFor(ComplaintAction.Withdraw)).WithName("WithdrawComplaint").WithSummary("Withdraw a complaint")
            .WithDescription("Workflow action: the consumer withdrew the complaint. Requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/escalate", (Guid id, EscalateRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.Escalate, new Validation().Text("reason", r.Reason, TextMax, multiline: true).Required("respondBy", r.RespondBy),
                (row, x) => Escalate(row, x, r), ct))
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.Escalate)).WithName("EscalateComplaint").WithSummary("Escalate a complaint")
            .WithDescription("Workflow action: escalates with a reason and a respond-by date. Requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/refer", (Guid id, ReferRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.Refer, new Validation().Required("route", r.Route), (row, x) =>
            {
                row.ReferralRoute = r.Route!.Value.ToString();
                row.ReferredAt = x.Now;
                return OwnCase(row, x);
            }, ct)).RequireRoles(Lifecycle.RolesFor(ComplaintAction.Refer)).WithName("ReferComplaint").WithSummary("Refer a complaint elsewhere")
            .WithDescription("Workflow action: records the referral route. Requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/referral-outcome", (Guid id, RespondRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.RecordReferralOutcome, new Validation().Required("outcome", r.Outcome).Text("responseText", r.ResponseText, 4000, multiline: true),
                (row, x) =>
                {
                    row.ReferralOutcome = r.ResponseText!.Trim();
                    return OwnCase(row, x) ?? Respond(row, x, r.Outcome!.Value, r.ResponseText!);
                }, ct)).RequireRoles(Lifecycle.RolesFor(ComplaintAction.RecordReferralOutcome)).WithName("RecordReferralOutcome").WithSummary("Record a referral's outcome")
            .WithDescription("Workflow action; requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/extend-internal", (Guid id, ReasonRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.ExtendInternal, new Validation().Text("reason", r.Reason, TextMax, multiline: true), (row, x) => ExtendInternal(row, x), ct))
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.ExtendInternal)).WithName("ExtendInternalDeadline").WithSummary("Extend the internal deadline")
            .WithDescription("Workflow action; requires If-Match with the current ETag.");

        g.MapPost("/{id:guid}/extend-regulatory", (Guid id, ExtendRegulatoryRequest r, HttpContext h, Transitions t, CancellationToken ct) =>
            t.ApplyAsync(id, h, ComplaintAction.ExtendRegulatory, new Validation().Text("reason", r.Reason, TextMax, multiline: true),
                (row, x) => ExtendRegulatory(row, x, r.ConsumerNotified ?? false), ct))
            .RequireRoles(Lifecycle.RolesFor(ComplaintAction.ExtendRegulatory)).WithName("ExtendRegulatoryDeadline").WithSummary("Extend the regulatory deadline")
            .WithDescription("Workflow action: extends the regulatory deadline, recording whether the consumer was notified. Requires If-Match with the current ETag.");
    }

    private static bool Elevated(Caller c) => c.Has(Role.ComplaintSupervisor) || c.Has(Role.Admin);

    // Handlers work their own cases; supervisors and Admin may act on any.
    // A permission, not a state conflict: 403 (the handler can see the case through their department).
    private static Refusal? OwnCase(ComplaintRow row, Transitions.Context x) =>
        Elevated(x.Caller) || row.HandlerId == x.Caller.Id ? null : Refusal.Forbidden("Only the assigned handler (or a supervisor) may do this.");

    private static Refusal? Assign(ComplaintRow row, Transitions.Context x, AssignRequest r)
    {
        if (!Elevated(x.Caller) && (r.HandlerId != x.Caller.Id || r.DepartmentId != x.Caller.DepartmentId))
        {
            return Refusal.Forbidden("A handler may only take a case for themselves in their own department; a supervisor assigns others.");
        }

        if (row.StaffComplainedAbout is not null && string.Equals(row.StaffComplainedAbout, r.HandlerId, StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Conflict("Conflict of interest: the handler is the staff member complained about.");
        }

        row.DepartmentId = r.DepartmentId!.Trim();
        row.HandlerId = r.HandlerId!.Trim();
        row.AssignedAt = x.Now;
        return null;
    }

    private static Refusal? Respond(ComplaintRow row, Transitions.Context x, Outcome outcome, string text)
    {
        row.RespondedAt = x.Now;
        row.Outcome = outcome.ToString();
        row.ResponseText = text.Trim();
        row.AnsweredWithinInternal = x.Now <= row.InternalDueAt;
        row.AnsweredWithinRegulatory = x.Now <= row.RegulatoryDueAt;
        row.HandlingWorkingDays = x.Rules.WorkingDaysBetween(row.ReceivedDate, x.Rules.LocalDate(x.Now));
        return null;
    }

    private static Refusal? Close(ComplaintRow row, Transitions.Context x, CloseRequest r)
    {
        row.ClosedAt = x.Now;
        row.ClosedDate = x.Rules.LocalDate(x.Now);
        row.RootCause = r.RootCause!.Trim();
        row.Remediation = r.Remediation!.Trim();
        row.Accountability = r.Accountability!.Trim();
        row.Upheld = r.Upheld!.Value.ToString();
        row.RedressMinor = r.RedressPaid is { } paid ? MoneyRules.ToMinor(paid) : null;
        return null;
    }

    private static Refusal? Reopen(ComplaintRow row, Transitions.Context x)
    {
        var answered = row.RespondedAt ?? row.UpdatedAt;
        if (x.Now > answered.AddDays(x.Options.ReopenWindowDays))
        {
            return Refusal.Conflict($"The consumer may dispute within {x.Options.ReopenWindowDays} days of the answer ({answered:yyyy-MM-dd}); file a new complaint instead.");
        }

        row.ReopenedCount++;
        row.ClosedAt = null;
        row.ClosedDate = null;
        return null;
    }

    private static Refusal? Escalate(ComplaintRow row, Transitions.Context x, EscalateRequest r)
    {
        if (r.RespondBy <= x.Now)
        {
            return Refusal.Conflict("respondBy must be in the future.");
        }

        row.EscalatedAt = x.Now;
        row.EscalatedBy = x.Caller.Id;
        row.EscalationReason = r.Reason!.Trim();
        row.EscalationRespondBy = r.RespondBy;
        return null;
    }

    private static Refusal? ExtendInternal(ComplaintRow row, Transitions.Context x)
    {
        if (row.InternalExtended)
        {
            return Refusal.Conflict("The internal target was already extended once.");
        }

        if (row.HandlerId == x.Caller.Id)
        {
            return Refusal.Forbidden("The handler cannot approve an extension of their own case.");
        }

        row.InternalExtended = true;
        Deadlines.Restamp(row, x.Rules);
        row.DueState = Deadlines.StateOf(x.Rules, x.Now, row, x.Options.DueSoonWorkingDays).ToString();
        return null;
    }

    private static Refusal? ExtendRegulatory(ComplaintRow row, Transitions.Context x, bool consumerNotified)
    {
        switch (row.RegExtensionLevel)
        {
            case 0 when x.Caller.Has(Role.ComplaintSupervisor) || x.Caller.Has(Role.Admin):
                break;
            case 1 when !x.Caller.Has(Role.Admin):
                return Refusal.Forbidden("The second regulatory extension needs senior management (Admin) approval.");
            case 1 when !consumerNotified:
                return Refusal.Conflict("The consumer must be told of the second extension: set consumerNotified.");
            case 1:
                break;
            default:
                return Refusal.Conflict("Both regulatory extensions have been used.");
        }

        row.RegExtensionLevel++;
        row.ConsumerNotified = row.ConsumerNotified || consumerNotified;
        row.RegulatoryDueAt = Deadlines.Regulatory(x.Rules, row.ReceivedAt, row, row.RegExtensionLevel).ToUniversalTime();
        row.DueState = Deadlines.StateOf(x.Rules, x.Now, row, x.Options.DueSoonWorkingDays).ToString();
        return null;
    }
}
