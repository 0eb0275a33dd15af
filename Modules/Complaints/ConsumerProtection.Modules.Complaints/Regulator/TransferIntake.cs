using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Regulator;

internal enum TransferOutcome { Created, Duplicate, Rejected }

/// <summary>
/// Turns one transfer into a complaint (channel RegulatorTransfer), exactly as a teller's intake would, acting as
/// the regulator gateway. One complaint per regulator case id: looked up first, and the UNIQUE index on
/// <c>regulator_case_id</c> settles a race. A transfer that fails the intake rules is recorded and skipped.
/// </summary>
internal sealed class TransferIntake(
    ComplaintStore store, Taxonomy taxonomy, IWorkingCalendar calendar, IAuditWriter audit, IOptions<ComplaintsOptions> complaints,
    IOptions<RegulatorOptions> regulator, TimeProvider time, ILogger<TransferIntake> logger)
{
    public static readonly Caller Gateway = Caller.System("regulator-gateway");

    public const string FindByCase = "SELECT id FROM [complaints].[complaint] WHERE regulator_case_id = @CaseId";

    public const string InsertRejection = """
        INSERT INTO [complaints].[regulator_transfer_rejection] (id, case_id, rejected_at, errors) VALUES (@Id, @CaseId, @RejectedAt, @Errors)
        """;

    private readonly IAuditWriter _audit = new ActingAuditWriter(audit, Gateway);

    public async Task<TransferOutcome> AcceptAsync(JsonElement item, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Transfer? transfer;
        try
        {
            transfer = item.Deserialize<Transfer>(RegulatorJson.Options);
        }
        catch (JsonException ex)
        {
            // The path only: the message may quote the value, which could be personal data.
            return await RejectAsync(RawCaseId(item), new() { [ex.Path ?? "$"] = ["is malformed."] }, now, ct);
        }

        if (transfer?.CaseId?.Trim() is not { Length: > 0 } caseId)
        {
            return await RejectAsync(RawCaseId(item), new() { ["caseId"] = ["is required."] }, now, ct);
        }

        if (await ExistsAsync(caseId, ct))
        {
            return TransferOutcome.Duplicate;
        }

        var o = complaints.Value;
        var request = transfer.ToRequest(regulator.Value.BranchId) with { RegulatorCaseId = caseId };
        var v = new Validation();
        await ComplaintValidation.IntakeAsync(request, now, o, taxonomy, v, ct);
        if (!v.IsValid)
        {
            return await RejectAsync(caseId, new(v.ToProblem().ProblemDetails.Errors), now, ct);
        }

        var rules = await calendar.GetAsync(ct);
        var row = FileComplaintEndpoints.NewRow(request, regulator.Value.BranchId, Gateway, now, o.Policy, rules);
        try
        {
            await FileComplaintEndpoints.SaveAsync(store, _audit, row, o, now, ct);
            return TransferOutcome.Created;
        }
        catch (Exception ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Another run stored the same case between our look-up and our insert: a duplicate, not an error.
            // Any other unique index (the reference, say) is a real fault and must not pass for one.
            return await ExistsAsync(caseId, ct) ? TransferOutcome.Duplicate : throw new InvalidOperationException(
                $"Storing regulator case {caseId} hit a unique index other than the case id.", ex);
        }
    }

    private Task<bool> ExistsAsync(string caseId, CancellationToken ct) =>
        store.Db.ReadAsync(async c => await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(FindByCase, new { CaseId = caseId }, cancellationToken: ct)) is not null, ct);

    private async Task<TransferOutcome> RejectAsync(string caseId, Dictionary<string, string[]> errors, DateTimeOffset now, CancellationToken ct)
    {
        caseId = caseId.Length > 100 ? caseId[..100] : caseId;
        var id = Guid.CreateVersion7(now);
        var json = JsonSerializer.Serialize(errors, RegulatorJson.Options);
        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition(InsertRejection, new { Id = id, CaseId = caseId, RejectedAt = now, Errors = json }, tx, cancellationToken: ct));
            await _audit.AppendAsync(store.Db, c, tx, new AuditEntry("regulator.transfer-rejected", "regulator-transfer", caseId, null, new { caseId, errors }), ct);
            return 0;
        }, ct);
        // Case id and field names only: the rejected values may be personal data.
        logger.LogWarning("Regulator transfer {CaseId} rejected; fields: {Fields}", caseId, string.Join(", ", errors.Keys));
        return TransferOutcome.Rejected;
    }

    private static string RawCaseId(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty("caseId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()!.Trim() is { Length: > 0 } s ? s : "(none)"
            : "(none)";
}
