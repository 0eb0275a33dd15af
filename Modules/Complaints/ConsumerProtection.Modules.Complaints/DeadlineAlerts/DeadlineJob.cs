using ConsumerProtection.Modules.Complaints.Contracts;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Infrastructure;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.DeadlineAlerts;

/// <summary>What one pass of the deadline job did.</summary>
internal sealed record DeadlineRun(int Checked, int StateChanges, int AlertsRaised);

/// <summary>
/// Marks open complaints due soon or overdue on either clock and raises an escalation once per
/// (complaint, clock, state). Pages through each open status by id and writes only what changed; each alert is published
/// as a <see cref="ComplaintDeadlineAlert"/> integration event in its batch's transaction. Lease "complaints-deadlines".
/// </summary>
internal sealed class DeadlineJob(
    ComplaintStore store, IWorkingCalendar calendar, CalendarRestamp restamp, IAuditWriter audit,
    IOptions<ComplaintsOptions> options, IJobLease lease, TimeProvider time, ILogger<DeadlineJob> logger)
    : PeriodicJob(lease, time, logger)
{
    private readonly TimeProvider _time = time;
    private readonly ILogger _logger = logger;

    protected override string Name => "complaints-deadlines";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.DeadlineJobIntervalMinutes);

    protected override Task RunAsync(CancellationToken ct) => RunOnceAsync(ct);

    /// <summary>One pass over every open complaint. Safe to repeat: alerts are keyed, state updates are conditional.</summary>
    public async Task<DeadlineRun> RunOnceAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var rules = await calendar.GetAsync(ct);
        // First bring deadlines computed on an older calendar version up to date, so the states judged below use them.
        await restamp.RunAsync(rules, ct);
        var batch = new DeadlineBatch(store.Db, audit, rules, now, options.Value.DueSoonWorkingDays);
        var size = options.Value.DeadlineJobBatchSize;
        int seen = 0, changed = 0, raised = 0;
        foreach (var status in Lifecycle.OpenStates)
        {
            var after = Guid.Empty;
            while (true)
            {
                var page = await batch.ReadAsync(status, after, size, ct);
                var work = batch.Plan(page);
                if (!work.IsEmpty)
                {
                    var alerts = await batch.WriteAsync(work, ct);
                    changed += work.StateChanges.Count;
                    raised += alerts.Count;
                    foreach (var alert in alerts)
                    {
                        Shared.Operations.OfficeMetrics.DeadlineAlertRaised(alert.Clock.ToString(), alert.State.ToString());
                    }
                }

                seen += page.Count;
                if (page.Count < size)
                {
                    break;
                }

                after = page[^1].Id;
            }
        }

        _logger.LogInformation("Deadline job: {Checked} open complaints checked, {Changed} due states changed, {Raised} alerts raised",
            seen, changed, raised);
        return new DeadlineRun(seen, changed, raised);
    }
}
