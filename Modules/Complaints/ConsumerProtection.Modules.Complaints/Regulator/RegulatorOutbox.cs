using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Handling;
using Dapper;

namespace ConsumerProtection.Modules.Complaints.Regulator;

/// <summary>
/// When a transferred complaint is responded to (respond, referral outcome), closed or withdrawn, queues the result for the
/// regulator in <c>[complaints].[regulator_outbox]</c>, in the transaction of the state change itself.
/// </summary>
internal sealed class RegulatorOutbox : ITransitionHook
{
    public const string Insert = """
        INSERT INTO [complaints].[regulator_outbox]
            (id, case_id, event_id, complaint_id, complaint_version, kind, payload_json, created_at, attempts, next_attempt_at, sent_at, last_error)
        VALUES (@Id, @CaseId, @EventId, @ComplaintId, @ComplaintVersion, @Kind, @PayloadJson, @CreatedAt, 0, @CreatedAt, NULL, NULL)
        """;

    public async Task OnAppliedAsync(
        DbConnection c, DbTransaction tx, ComplaintAction action, ComplaintRow row, Transitions.Context ctx, CancellationToken ct)
    {
        if (row.RegulatorCaseId is not { } caseId || EventFor(action, row) is not { } result)
        {
            return;
        }

        await c.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = Guid.CreateVersion7(ctx.Now),
            CaseId = caseId,
            result.EventId,
            ComplaintId = row.Id,
            ComplaintVersion = row.Version,
            result.Kind,
            PayloadJson = JsonSerializer.Serialize(result, RegulatorJson.Options),
            CreatedAt = ctx.Now,
        }, tx, cancellationToken: ct));
    }

    /// <summary>The result event for <paramref name="action"/> on <paramref name="row"/> (already at its new version), if any.</summary>
    public static ResultEvent? EventFor(ComplaintAction action, ComplaintRow row)
    {
        var eventId = EventId(row.Id, row.Version);
        return action switch
        {
            ComplaintAction.Respond or ComplaintAction.RecordReferralOutcome => new ResultEvent(
                eventId, ResultEvent.Responded, row.RegulatorCaseId!, row.Reference, row.Outcome, row.ResponseText, RespondedAt: row.RespondedAt),
            ComplaintAction.Close => new ResultEvent(
                eventId, ResultEvent.Closed, row.RegulatorCaseId!, row.Reference, row.Outcome, ClosedAt: row.ClosedAt, Upheld: row.Upheld,
                RedressPaid: row.RedressMinor is { } minor ? minor / 100m : null, Currency: row.RedressMinor is null ? null : row.Currency),
            // The regulator transferred the case and waits for its end: a withdrawal ends it too.
            ComplaintAction.Withdraw => new ResultEvent(
                eventId, ResultEvent.Withdrawn, row.RegulatorCaseId!, row.Reference, row.Outcome, WithdrawnAt: row.WithdrawnAt, WithdrawReason: row.WithdrawReason),
            _ => null,
        };
    }

    /// <summary>
    /// A name-based UUID (RFC 9562 version 8) of the complaint and the version the change produced: the same
    /// transition always gets the same event id, so a retried transaction or a resend cannot make a second event.
    /// </summary>
    public static Guid EventId(Guid complaintId, long version)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"cp-regulator-event:{complaintId:D}:{version}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
