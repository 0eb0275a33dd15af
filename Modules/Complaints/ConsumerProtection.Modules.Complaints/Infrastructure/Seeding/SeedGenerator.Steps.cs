using ConsumerProtection.Modules.Complaints.Domain;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

// The field changes of each lifecycle step, and the overlays (extensions, escalation) that do not change the status.
internal sealed partial class SeedGenerator
{
    private DateTimeOffset _lastOverlay;

    private void Assign(DateTimeOffset at)
    {
        var city = _row.BranchId[..2];
        (_row.DepartmentId, _row.HandlerId, _row.AssignedAt) = ("CPD-" + city, $"seed:handler-{city}-{_rng.Next(1, 5)}", at);
    }

    private void Close(DateTimeOffset at, Upheld upheld, Outcome outcome)
    {
        var row = _row;
        (row.ClosedAt, row.ClosedDate, row.Upheld) = (at, rules.LocalDate(at), upheld.ToString());
        row.RootCause = SeedTexts.Of(SeedTexts.RootCauses, _rng);
        row.Remediation = SeedTexts.Of(SeedTexts.Remediations, _rng);
        row.Accountability = SeedTexts.Of(SeedTexts.Accountabilities, _rng);
        row.RedressMinor = outcome != Outcome.MonetaryRelief ? null
            : row.AmountMinor is { } amount ? (long)(amount * (0.3 + 0.7 * _rng.NextDouble())) : _rng.Next(50, 2000) * 100L;
    }

    // Late answers get what a supervisor would approve before the deadline passes: extensions, then escalation (督办).
    private void Extend(DateTimeOffset startAt, DateTimeOffset respondAt)
    {
        var row = _row;
        if (respondAt > row.InternalDueAt && _rng.NextDouble() < 0.7 && Overlay(Max(startAt, row.InternalDueAt - Hours(4, 30))))
        {
            row.InternalExtended = true;
            Deadlines.Restamp(row, rules);
        }

        for (var level = 1; level <= 2; level++)
        {
            if (respondAt > row.RegulatoryDueAt && _rng.NextDouble() < 0.8 && Overlay(Max(startAt, row.RegulatoryDueAt - Hours(4, 30))))
            {
                (row.RegExtensionLevel, row.ConsumerNotified) = (level, level == 2);
                row.RegulatoryDueAt = Deadlines.Regulatory(rules, row.ReceivedAt, row, level).ToUniversalTime();
            }
        }

        var escalateAt = row.InternalDueAt + Hours(2, 24);
        if (respondAt > escalateAt && _rng.NextDouble() < 0.5 && Overlay(escalateAt))
        {
            (row.EscalatedAt, row.EscalatedBy, row.EscalationRespondBy) = (escalateAt, "seed:supervisor-01", escalateAt.AddDays(2));
            row.EscalationReason = SeedTexts.Of(SeedTexts.EscalationReasons, _rng);
        }
    }

    private bool Overlay(DateTimeOffset at)
    {
        if (at > now || (_withdrawAt is { } w && at >= w))
        {
            return false;
        }

        _row.Version++;
        _lastOverlay = Max(_lastOverlay, at);
        return true;
    }

    private void Finish()
    {
        var row = _row;
        row.UpdatedAt = Max(row.UpdatedAt, _lastOverlay);
        _lastOverlay = DateTimeOffset.MinValue;
        // Open complaints show their state now; finished ones the state they were answered (or withdrawn) in.
        var at = Domain.Lifecycle.IsOpen(row.StatusValue) ? now : row.WithdrawnAt ?? row.RespondedAt ?? now;
        row.DueState = Deadlines.StateOf(rules, at, row, dueSoonWorkingDays).ToString();
    }

    private DateTimeOffset LocalTime(DateOnly day, int fromHour, int toHour)
    {
        var local = day.ToDateTime(new TimeOnly(fromHour, 0)).AddMinutes(_rng.Next((toHour - fromHour) * 60));
        return new DateTimeOffset(local, rules.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
