using ConsumerProtection.Modules.Complaints.Domain;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

// The lifecycle: a planned timeline (assign, start, respond, follow up, close; sometimes withdrawn, referred,
// reopened, extended or escalated), applied up to "now", so status, timestamps and version always agree.
internal sealed partial class SeedGenerator
{
    private ComplaintRow _row = null!;
    private DateTimeOffset? _withdrawAt;

    private void Lifecycle(ComplaintRow row)
    {
        _row = row;
        row.Version = 1;
        row.UpdatedAt = row.CreatedAt;
        var assignAt = row.CreatedAt + Hours(0.3, 8);
        var startAt = assignAt + Hours(0.5, 20);
        var roll = _rng.NextDouble();
        var workingDays = roll < 0.55 ? _rng.Next(1, 4) : roll < 0.85 ? _rng.Next(4, 6) : roll < 0.95 ? _rng.Next(6, 11) : _rng.Next(11, 23);
        var respondAt = Max(startAt + Hours(1, 3), LocalTime(rules.AddWorkingDays(row.ReceivedDate, workingDays), 9, 18));
        var referAt = _rng.NextDouble() < 0.015 ? startAt + Hours(24, 72) : (DateTimeOffset?)null;
        respondAt = referAt is { } r ? r + Hours(240, 720) : respondAt;
        _withdrawAt = _rng.NextDouble() < 0.025 ? row.CreatedAt + TimeSpan.FromTicks((long)((respondAt - row.CreatedAt).Ticks * _rng.NextDouble() * 0.9)) : null;
        var upheld = _rng.NextDouble() switch { < 0.25 => Upheld.Yes, < 0.40 => Upheld.Partly, _ => Upheld.No };

        Extend(startAt, respondAt);
        if (!Step(assignAt, ComplaintStatus.Assigned, () => Assign(assignAt)) || !Step(startAt, ComplaintStatus.InProgress, null))
        {
            Finish();
            return;
        }

        var route = _rng.NextDouble() < 0.8 ? "Mediation" : "Arbitration";
        if (referAt is { } referred && !Step(referred, ComplaintStatus.Referred, () => (row.ReferralRoute, row.ReferredAt) = (route, referred)))
        {
            Finish();
            return;
        }

        var done = Answer(respondAt, upheld);
        if (done is { } closedAt && _rng.NextDouble() < 0.01)
        {
            // The consumer disputes the answer: reopened, worked again, answered and closed again.
            var reopenAt = closedAt + Hours(24, 240);
            var again = reopenAt + Hours(1, 24);
            if (Step(reopenAt, ComplaintStatus.Reopened, () => (row.ReopenedCount, row.ClosedAt, row.ClosedDate) = (1, null, null))
                && Step(again, ComplaintStatus.InProgress, null))
            {
                Answer(again + Hours(48, 120), upheld);
            }
        }

        Finish();
    }

    // Respond (or record the referral outcome), follow up, close; returns the closing time when it is reached.
    private DateTimeOffset? Answer(DateTimeOffset respondAt, Upheld upheld)
    {
        var row = _row;
        var outcome = upheld == Upheld.No ? Outcome.ClosedWithExplanation : _rng.NextDouble() < 0.6 ? Outcome.MonetaryRelief : Outcome.NonMonetaryRelief;
        var followAt = respondAt + Hours(20, 72);
        var closeAt = followAt + Hours(2, 48);
        var answered = Step(respondAt, ComplaintStatus.Responded, () =>
        {
            row.ReferralOutcome = row.ReferredAt is null ? null : SeedTexts.Of(SeedTexts.ReferralOutcomes, _rng);
            (row.RespondedAt, row.Outcome, row.ResponseText) = (respondAt, outcome.ToString(), SeedTexts.Of(SeedTexts.Responses, _rng));
            row.AnsweredWithinInternal = respondAt <= row.InternalDueAt;
            row.AnsweredWithinRegulatory = respondAt <= row.RegulatoryDueAt;
            row.HandlingWorkingDays = rules.WorkingDaysBetween(row.ReceivedDate, rules.LocalDate(respondAt));
        });
        var satisfied = _rng.NextDouble() < (upheld == Upheld.No ? 0.65 : 0.9);
        if (!answered || !Step(followAt, ComplaintStatus.FollowedUp, () =>
                (row.FollowedUpAt, row.Satisfied, row.SatisfactionScore) = (followAt, satisfied, satisfied ? _rng.Next(4, 6) : _rng.Next(1, 4)))
            || !Step(closeAt, ComplaintStatus.Closed, () => Close(closeAt, upheld, outcome)))
        {
            return null;
        }

        return closeAt;
    }

    // Applies an event at its time: false when it lies after now, or the consumer withdrew first.
    private bool Step(DateTimeOffset at, ComplaintStatus status, Action? apply)
    {
        if (_withdrawAt is { } w && w < at && _row.Status is not nameof(ComplaintStatus.Closed))
        {
            if (w <= now)
            {
                (_row.Status, _row.WithdrawnAt, _row.WithdrawReason, _row.UpdatedAt) = (nameof(ComplaintStatus.Withdrawn), w, SeedTexts.Of(SeedTexts.WithdrawReasons, _rng), w);
                _row.Version++;
            }

            _withdrawAt = null;
            return false;
        }

        if (at > now || _row.Status == nameof(ComplaintStatus.Withdrawn))
        {
            return false;
        }

        apply?.Invoke();
        (_row.Status, _row.UpdatedAt) = (status.ToString(), at);
        _row.Version++;
        return true;
    }
}
