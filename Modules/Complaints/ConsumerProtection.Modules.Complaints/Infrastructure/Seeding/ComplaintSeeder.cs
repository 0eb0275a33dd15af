using System.Data.Common;
using ConsumerProtection.Modules.Complaints.Domain;
using ConsumerProtection.Modules.Complaints.Intake;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Seeding;
using ConsumerProtection.Shared.Time;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.Modules.Complaints.Infrastructure.Seeding;

/// <summary>
/// The <c>seed --complaints N</c> verb: realistic complaints written straight into the schema in
/// transactions of <see cref="BatchSize"/> rows through one prepared insert command, without per-row audit or
/// incident checks; one "complaints.seeded" audit row summarises the run. References continue each day's counter.
/// </summary>
internal sealed class ComplaintSeeder(
    ComplaintStore store, Taxonomy taxonomy, IWorkingCalendar calendar, IAuditWriter audit, IOptions<ComplaintsOptions> options,
    TimeProvider time, ILogger<ComplaintSeeder> logger) : ISeeder
{
    public const int BatchSize = 5000;
    public const int MaxCount = 10_000_000;
    private static readonly Caller Actor = Caller.System("seed");

    public string Name => "complaints";

    public async Task<SeedProgress> SeedAsync(SeedRequest request, Action<SeedProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Months, 120);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var rules = await calendar.GetAsync(ct);
        var runId = Guid.CreateVersion7(now);
        var generator = new SeedGenerator(SeedCatalog.Build(await taxonomy.AllAsync(ct)), rules, options.Value.Policy,
            options.Value.DueSoonWorkingDays, now, request.Seed, runId.ToString("N")[^8..], request.Count / (request.Months * 30.4));
        var arrivals = SeedArrivals.Generate(rules, now, request.Months, request.Count, new Random(unchecked((request.Seed * 7919) + 17)));
        var batch = new List<ComplaintRow>(BatchSize);
        var report = new SeedProgress(0, request.Count, TimeSpan.Zero);
        try
        {
            foreach (var receivedAt in arrivals)
            {
                batch.Add(generator.Next(receivedAt));
                if (batch.Count == BatchSize)
                {
                    report = await WriteAsync(batch, rules, report, started, ct);
                    progress?.Invoke(report);
                }
            }

            if (batch.Count > 0)
            {
                report = await WriteAsync(batch, rules, report, started, ct);
                progress?.Invoke(report);
            }
        }
        finally
        {
            // Also after a failure or Ctrl+C: what was committed is on record.
            await AuditAsync(runId, request, SeedArrivals.FirstDay(rules, now, request.Months), rules.LocalDate(now), report.Written, CancellationToken.None);
        }

        logger.LogInformation("Seeded {Count} complaints in {Seconds:F1} s ({Rate:F0} rows/s)", report.Written, report.Elapsed.TotalSeconds, report.RowsPerSecond);
        return report;
    }

    private async Task<SeedProgress> WriteAsync(
        List<ComplaintRow> batch, CalendarRules rules, SeedProgress report, long started, CancellationToken ct)
    {
        // Sealed like intake's rows (personal fields encrypted, blind indexes set), before the write transaction.
        foreach (var row in batch)
        {
            store.Consumers.Seal(row);
        }

        await store.Db.InTransactionAsync(async (c, tx) =>
        {
            await ReferencesAsync(c, tx, batch, rules, ct);
            return await ComplaintInsert.RunAsync(c, tx, store.Db.Dialect.Provider, batch, ct);
        }, ct);
        var written = report.Written + batch.Count;
        batch.Clear();
        return report with { Written = written, Elapsed = time.GetElapsedTime(started) };
    }

    // Numbers continue each intake day's counter inside the write transaction, so live intake never collides.
    private static async Task ReferencesAsync(DbConnection c, DbTransaction tx, List<ComplaintRow> batch, CalendarRules rules, CancellationToken ct)
    {
        foreach (var day in batch.GroupBy(r => rules.LocalDate(r.CreatedAt)))
        {
            var last = await c.ExecuteScalarAsync<long?>(new CommandDefinition(ReferenceNumbers.SelectCounter(Shared.Data.SqlDialect.Sqlite), new { Day = day.Key }, tx, cancellationToken: ct));
            var next = last ?? 0;
            foreach (var row in day)
            {
                row.Reference = ReferenceNumbers.Format(day.Key, ++next);
            }

            await c.ExecuteAsync(new CommandDefinition(last is null ? ReferenceNumbers.InsertCounter : ReferenceNumbers.UpdateCounter,
                new { Day = day.Key, Next = next }, tx, cancellationToken: ct));
        }
    }

    private Task AuditAsync(Guid runId, SeedRequest request, DateOnly from, DateOnly to, long written, CancellationToken ct) =>
        store.Db.InTransactionAsync(async (c, tx) => await audit.AppendAsync(store.Db, c, tx, new AuditEntry("complaints.seeded", "complaint-seed",
            runId.ToString(), null, new { Count = written, Requested = request.Count, request.Seed, request.Months, From = from, To = to }), Actor, ct), ct);
}
