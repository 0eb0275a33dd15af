using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Incidents;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Reading;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Idempotency;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Intake;

/// <summary>
/// <c>POST /api/v1/complaints</c>: intake (受理). The caller is the first responder (首问负责制). A teller files for
/// their own branch. The answer carries the reference and both deadlines. Honours Idempotency-Key.
/// </summary>
internal static class FileComplaintEndpoints
{
    public sealed record ConsumerInput(string? Name, string? Phone, string? Email, string? IdType, string? IdNumber);

    public sealed record VulnerableInput(bool? Elderly, bool? Disability, bool? Other, string? Note);

    public sealed record Request(
        DateTimeOffset? ReceivedAt, IntakeChannel? IntakeChannel, string? BranchId, ConsumerInput? Consumer,
        string? BusinessChannel, string? BusinessType, string? Reason, string? ProductCode, string? ProductName, string? Description,
        decimal? AmountInDispute, string? Currency, VulnerableInput? Vulnerable, List<string>? Recordings, string? StaffComplainedAbout,
        Guid? RelatedComplaintId, bool? GroupComplaint, bool? MisappropriatedFunds, bool? PersonalInfoLeak, string? RegulatorCaseId)
    {
        /// <summary>A request as an integrator sends it (the OpenAPI example).</summary>
        internal const string Example = """
            {
              "receivedAt": "2026-03-05T10:30:00+08:00",
              "intakeChannel": "Counter",
              "branchId": "SH001",
              "consumer": { "name": "王芳", "phone": "+86 138 0000 1111" },
              "businessChannel": "A1",
              "businessType": "B032",
              "reason": "C11",
              "productCode": "CC-GOLD",
              "productName": "金卡信用卡",
              "description": "年费未告知即扣收",
              "amountInDispute": 300.00,
              "currency": "CNY"
            }
            """;
    }

    public const int DescriptionMax = 4000;

    // One indexed lookup per identifier the consumer gave (phone, ID number, email), by blind index: the values
    // themselves are encrypted at rest, and equal normalised identifiers have equal blind indexes. An OR across the columns made
    // the engine walk every complaint about the product in the window, and a lookup for an absent (NULL) identifier
    // walked every complaint without one; both cost tens of ms per intake at a million rows.
    // SQLite has no statistics on a fresh database and picks the (product, received) index, which walks the whole
    // product window (measured 15 ms at 30k complaints per product), so its variant names the index to use.
    internal static readonly IReadOnlyDictionary<(bool Phone, bool Id, bool Email), string> FindRepeat = BuildRepeatQueries(sqlite: false);

    internal static readonly IReadOnlyDictionary<(bool Phone, bool Id, bool Email), string> FindRepeatSqlite = BuildRepeatQueries(sqlite: true);

    private static Dictionary<(bool, bool, bool), string> BuildRepeatQueries(bool sqlite)
    {
        // Column, parameter and index names are fixed identifiers from this method, never input.
        string Branch(string column, string parameter, string index) => $"""
            SELECT id, received_at FROM [complaints].[complaint] {(sqlite ? "INDEXED BY " + index : "")}
            WHERE {column} = @{parameter} AND product_code = @ProductCode AND received_at >= @Since AND received_at <= @ReceivedAt AND anonymised_at IS NULL
            """;
        var queries = new Dictionary<(bool, bool, bool), string>();
        foreach (var phone in new[] { false, true })
        {
            foreach (var id in new[] { false, true })
            {
                foreach (var email in new[] { false, true })
                {
                    var branches = new List<string>();
                    if (phone)
                    {
                        branches.Add(Branch("consumer_phone_bidx", "Phone", "ix_complaint_phone_bidx_product"));
                    }

                    if (id)
                    {
                        branches.Add(Branch("consumer_id_number_bidx", "IdNumber", "ix_complaint_id_number_bidx_product"));
                    }

                    if (email)
                    {
                        branches.Add(Branch("consumer_email_bidx", "Email", "ix_complaint_email_bidx_product"));
                    }

                    if (branches.Count > 0)
                    {
                        queries[(phone, id, email)] = string.Join("\nUNION ALL\n", branches) + "\nORDER BY received_at DESC";
                    }
                }
            }
        }

        return queries;
    }

    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/", Handle)
            .RequireRoles(Role.Teller, Role.ComplaintHandler, Role.ComplaintSupervisor, Role.Admin)
            .WithIdempotency()
            .WithName("FileComplaint").WithSummary("File a complaint")
            .WithDescription("Records a new complaint, assigns its reference and stamps its deadlines from the working-day calendar. Idempotent with an Idempotency-Key header; the answer carries the complaint's ETag for If-Match on later workflow actions.");

    private static readonly System.Diagnostics.Metrics.Meter Meter = new("ConsumerProtection.Complaints");
    private static readonly System.Diagnostics.Metrics.Counter<long> Filed =
        Meter.CreateCounter<long>("cp.complaints.filed", "{complaint}", "Complaints filed through the API.");

    internal static async Task<Results<Created<ComplaintView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, HttpContext http, ComplaintStore store, Taxonomy taxonomy, IWorkingCalendar calendar, IntakeQueue intake,
        IOptions<ComplaintsOptions> options, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(http.User)!;
        var now = time.GetUtcNow();
        var o = options.Value;
        var v = new Validation();
        var branch = ValidateBranch(request, caller, v);
        await ComplaintValidation.IntakeAsync(request, now, o, taxonomy, v, ct);
        if (request.RelatedComplaintId is { } related
            && (await store.GetAsync(related, ct) is not { } earlier || !ComplaintScope.CanSee(caller, earlier)))
        {
            v.Add("relatedComplaintId", "no complaint with that id is visible to you.");
        }

        if (!v.IsValid)
        {
            return v.ToProblem();
        }

        var rules = await calendar.GetAsync(ct);
        var row = NewRow(request, branch!, caller, now, o.Policy, rules);
        try
        {
            // Validated before queueing; the 201 follows the durable group commit that stored it (ADR 0007).
            row = await intake.FileAsync(row, caller, CorrelationIdMiddleware.Get(http), now, ct);
        }
        catch (Exception ex) when (request.RegulatorCaseId is not null && Shared.Data.DbErrors.IsUniqueViolation(ex))
        {
            // One complaint per regulator case (监管转办): a second filing of the case is a conflict, not a new complaint.
            return Problems.Conflict($"A complaint for regulator case '{request.RegulatorCaseId}' already exists.",
                new Dictionary<string, object?> { ["regulatorCaseId"] = request.RegulatorCaseId });
        }

        var repeatVisible = await ComplaintScope.RepeatVisibleAsync(caller, row, earlier => store.GetAsync(earlier, ct));
        http.Response.Headers.ETag = ComplaintView.ETag(row.Version);
        // Counted by intake channel only: no reference, branch or consumer detail goes into telemetry.
        Filed.Add(1, new KeyValuePair<string, object?>("cp.intake_channel", row.IntakeChannel));
        return TypedResults.Created($"/api/v1/complaints/{row.Id}", ComplaintView.From(row, store.Consumers, repeatVisible));
    }

    private static string? ValidateBranch(Request request, Caller caller, Validation v)
    {
        var elevated = caller.Has(Role.ComplaintHandler) || caller.Has(Role.ComplaintSupervisor) || caller.Has(Role.Admin);
        if (!elevated)
        {
            // A teller files for the own branch only.
            v.Check(caller.BranchId is not null, "branchId", "your key has no branch; a teller files for their own branch.");
            v.Check(request.BranchId is null || request.BranchId == caller.BranchId, "branchId", "a teller files for their own branch only.");
            return caller.BranchId;
        }

        var branch = request.BranchId ?? caller.BranchId;
        v.Check(branch is { Length: > 0 and <= 50 } && branch.All(char.IsAsciiLetterOrDigit), "branchId", "is required: 1 to 50 letters or digits.");
        return branch;
    }

    internal static ComplaintRow NewRow(Request r, string branch, Caller caller, DateTimeOffset now, DeadlinePolicy policy, CalendarRules rules)
    {
        var received = r.ReceivedAt!.Value.ToUniversalTime();
        var row = new ComplaintRow
        {
            Id = Guid.CreateVersion7(now),
            Version = 1,
            Status = nameof(ComplaintStatus.Received),
            ReceivedAt = received,
            ReceivedDate = rules.LocalDate(received),
            CreatedAt = now,
            UpdatedAt = now,
            IntakeChannel = r.IntakeChannel!.Value.ToString(),
            BranchId = branch,
            FirstResponderId = caller.Id,
            FirstResponderName = caller.Name,
            ConsumerName = r.Consumer!.Name!.Trim(),
            ConsumerPhone = ComplaintValidation.NormalisePhone(r.Consumer.Phone),
            ConsumerEmail = r.Consumer.Email?.Trim().ToLowerInvariant(),
            ConsumerIdType = r.Consumer.IdType?.Trim(),
            ConsumerIdNumber = r.Consumer.IdNumber?.Trim().ToUpperInvariant(),
            BusinessChannel = r.BusinessChannel!,
            BusinessType = r.BusinessType!,
            Reason = r.Reason!,
            ProductCode = r.ProductCode!.Trim(),
            ProductName = r.ProductName!.Trim(),
            Description = r.Description,
            AmountMinor = r.AmountInDispute is { } a ? MoneyRules.ToMinor(a) : null,
            Currency = r.Currency ?? "CNY",
            VulnerableElderly = r.Vulnerable?.Elderly ?? false,
            VulnerableDisability = r.Vulnerable?.Disability ?? false,
            VulnerableOther = r.Vulnerable?.Other ?? false,
            VulnerableNote = r.Vulnerable?.Note,
            Recordings = r.Recordings is { Count: > 0 } rec ? JsonSerializer.Serialize(rec) : null,
            StaffComplainedAbout = r.StaffComplainedAbout,
            RelatedComplaintId = r.RelatedComplaintId,
            GroupComplaint = r.GroupComplaint ?? false,
            MisappropriatedFunds = r.MisappropriatedFunds ?? false,
            PiLeak = r.PersonalInfoLeak ?? false,
            RegulatorCaseId = r.RegulatorCaseId,
        };
        Deadlines.Stamp(row, policy, rules);
        row.DueState = Deadlines.StateOf(rules, now, row, 0) == DueState.Overdue ? nameof(DueState.Overdue) : nameof(DueState.OnTrack);
        return row;
    }

    /// <summary>
    /// Seals the personal fields of a new (plaintext) complaint, then stores it: reference, repeat link, incidents and
    /// audit in one transaction.
    /// </summary>
    internal static Task<ComplaintRow> SaveAsync(
        ComplaintStore store, IAuditWriter audit, ComplaintRow row, ComplaintsOptions o, DateTimeOffset now, CancellationToken ct)
    {
        // Outside the transaction: the cipher work does not hold SQLite's write lock.
        store.Consumers.Seal(row);
        return store.Db.InTransactionAsync(async (c, tx) =>
        {
            await using var batch = await IntakeBatch.StartAsync(store, audit, c, tx, ct);
            var stored = await WriteAsync(store, batch.Audit, batch, row, o, now, ct);
            await batch.FlushAsync(ct);
            return stored;
        }, ct);
    }

    /// <summary>
    /// Stores a sealed new complaint inside <paramref name="batch"/>'s transaction: reference, repeat link, the row, its
    /// audit row and the incidents it opens. Run once per complaint of an intake group commit (<see cref="IntakeQueue"/>),
    /// in order; the caller flushes the batch (day counters) before it commits.
    /// </summary>
    internal static async Task<ComplaintRow> WriteAsync(
        ComplaintStore store, IAuditWriter audit, IntakeBatch batch, ComplaintRow row, ComplaintsOptions o, DateTimeOffset now, CancellationToken ct)
    {
        // The reference is quoted to the consumer, so it carries the bank-local day the complaint was received
        // (CBIRC Order 2020 No. 3: the clocks run from acceptance), not the day it was keyed in.
        row.Reference = await batch.NextReferenceAsync(row.ReceivedDate, ct);
        row.RepeatOfId = await FindRepeatAsync(store, batch.Commands, row, o, ct);
        await batch.Insert.ExecuteAsync(row, ct);
        var (c, tx) = (batch.Commands.Connection, batch.Commands.Transaction);
        await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaint.received", "complaint", row.Id.ToString(), null, AuditSnapshot.Of(row)), ct);
        await MajorIncidents.OnIntakeAsync(store.Db, batch.Commands, audit, store.MajorEvents, row, o.MajorIncident, now, ct);
        return row;
    }

    // The latest earlier complaint by the same consumer (any identifier) about the same product within the window.
    private static async Task<Guid?> FindRepeatAsync(ComplaintStore store, TransactionCommands commands, ComplaintRow row, ComplaintsOptions o, CancellationToken ct)
    {
        var identifiers = (row.ConsumerPhoneBidx is not null, row.ConsumerIdNumberBidx is not null, row.ConsumerEmailBidx is not null);
        var repeatQueries = store.Db.Dialect.Provider == Shared.Data.StorageProvider.Sqlite ? FindRepeatSqlite : FindRepeat;
        if (!repeatQueries.TryGetValue(identifiers, out var findRepeat))
        {
            return null;
        }

        // Only the parameters the chosen variant names, in a fixed order, so its prepared command is reused.
        var args = new List<(string, object?)>(6);
        if (identifiers.Item1)
        {
            args.Add(("@Phone", row.ConsumerPhoneBidx));
        }

        if (identifiers.Item2)
        {
            args.Add(("@IdNumber", row.ConsumerIdNumberBidx));
        }

        if (identifiers.Item3)
        {
            args.Add(("@Email", row.ConsumerEmailBidx));
        }

        args.Add(("@ProductCode", row.ProductCode));
        args.Add(("@Since", row.ReceivedAt.AddDays(-o.RepeatWindowDays)));
        args.Add(("@ReceivedAt", row.ReceivedAt));
        return TransactionCommands.Id(await commands.ScalarAsync(findRepeat, args, ct));
    }
}
