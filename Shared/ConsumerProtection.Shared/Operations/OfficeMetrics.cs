using System.Data.Common;
using System.Diagnostics.Metrics;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Shared.Operations;

/// <summary>
/// The kernel's counters for figures the office and operators watch (meter <c>ConsumerProtection.Office</c>): complaint
/// closures, deadline alerts, chain verifications and job runs. Attributes are fixed vocabularies only (a channel, a
/// clock, a chain or job name, an outcome) — never an id, a reference, an actor or any text a caller sent. Gauges read
/// at scrape time (WAL size, outbox depth and age, lease holders) are in <see cref="OperationalGauges"/>.
/// </summary>
public static class OfficeMetrics
{
    /// <summary>The meter's name; the Host exports every <c>ConsumerProtection.*</c> meter.</summary>
    public const string MeterName = "ConsumerProtection.Office";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Closed =
        Meter.CreateCounter<long>("cp.complaints.closed", "{complaint}", "Complaints closed (committed Close actions).");

    private static readonly Counter<long> DeadlineAlerts =
        Meter.CreateCounter<long>("cp.complaints.deadline_alerts.raised", "{alert}", "Deadline alerts raised by the deadline job, by clock and state.");

    private static readonly Counter<long> VerifyRuns =
        Meter.CreateCounter<long>("cp.chain.verify.runs", "{run}", "Walks of a tamper-evident chain (audit logs, the access log), by chain.");

    private static readonly Counter<long> VerifyFailures =
        Meter.CreateCounter<long>("cp.chain.verify.failures", "{run}", "Chain walks that found damage, by chain.");

    private static readonly Counter<long> JobRuns =
        Meter.CreateCounter<long>("cp.jobs.runs", "{run}", "Background job ticks by job and outcome: ok, failed, or lease-busy (another runner held the lease).");

    /// <summary>
    /// When <paramref name="closing"/>, counts a closure once <paramref name="tx"/> commits (a rolled-back or retried
    /// transaction counts nothing); a state change that is not a closure is ignored, so a workflow calls this for every change.
    /// </summary>
    public static void ComplaintClosedOnCommit(DbTransaction tx, bool closing, string intakeChannel)
    {
        if (closing)
        {
            CommitCallbacks.AfterCommit(tx, () => Closed.Add(1, new KeyValuePair<string, object?>("cp.intake_channel", intakeChannel)));
        }
    }

    /// <summary>Counts one deadline alert raised (call after its transaction committed).</summary>
    public static void DeadlineAlertRaised(string clock, string state) =>
        DeadlineAlerts.Add(1, new KeyValuePair<string, object?>("cp.deadline.clock", clock), new KeyValuePair<string, object?>("cp.deadline.state", state));

    /// <summary>Counts one walk of <paramref name="chain"/> (e.g. <c>complaints.audit_log</c>) and whether it found damage; returns <paramref name="result"/>.</summary>
    public static T ChainVerified<T>(string chain, bool ok, T result)
    {
        var tag = new KeyValuePair<string, object?>("cp.chain", chain);
        VerifyRuns.Add(1, tag);
        if (!ok)
        {
            VerifyFailures.Add(1, tag);
        }

        return result;
    }

    internal static void JobRan(string job, string outcome) =>
        JobRuns.Add(1, new KeyValuePair<string, object?>("cp.job", job), new KeyValuePair<string, object?>("cp.job.outcome", outcome));
}
