using Microsoft.Extensions.Options;

namespace ConsumerProtection.Shared.Retention;

/// <summary>Whether a record may be disposed of now, and if not, why and from when.</summary>
/// <param name="Allowed">True when the record may go.</param>
/// <param name="DisposableOn">When the retention period ends (null while the record is active or unknown).</param>
/// <param name="Reason">Why it may not go: <c>active</c>, <c>retention</c> or <c>legal-hold</c>.</param>
/// <param name="Detail">A sentence for the caller.</param>
public sealed record RetentionDecision(bool Allowed, DateTimeOffset? DisposableOn, string? Reason, string? Detail);

/// <summary>Decides disposals: period over (at least 3 years) and no legal hold.</summary>
public sealed class RetentionGuard(IOptions<RetentionOptions> options, LegalHolds holds, TimeProvider time)
{
    /// <summary>The end of retention for a record whose clock started at <paramref name="start"/>.</summary>
    public DateTimeOffset DisposableOn(string recordType, DateTimeOffset start) => start.AddYears(options.Value.YearsFor(recordType));

    /// <summary>The latest retention start that is expired now for <paramref name="recordType"/>.</summary>
    public DateTimeOffset ExpiredBefore(string recordType) => time.GetUtcNow().AddYears(-options.Value.YearsFor(recordType));

    /// <summary>Checks whether <paramref name="state"/> may be disposed of now.</summary>
    public async Task<RetentionDecision> CheckAsync(string recordType, RetentionState state, CancellationToken ct)
    {
        if (state.RetentionStartsAt is not { } start)
        {
            return new RetentionDecision(false, null, "active",
                "The record is still active; its retention period starts when it is closed.");
        }

        var disposableOn = DisposableOn(recordType, start);
        if (time.GetUtcNow() < disposableOn)
        {
            return new RetentionDecision(false, disposableOn, "retention",
                $"The record must be kept until {disposableOn:yyyy-MM-dd} ({options.Value.YearsFor(recordType)} years).");
        }

        if (await holds.ActiveAsync(recordType, state.RecordId, ct) is { } hold)
        {
            return new RetentionDecision(false, disposableOn, "legal-hold",
                $"The record is under legal hold {hold.Id} since {hold.SetAt:yyyy-MM-dd}.");
        }

        return new RetentionDecision(true, disposableOn, null, null);
    }
}
