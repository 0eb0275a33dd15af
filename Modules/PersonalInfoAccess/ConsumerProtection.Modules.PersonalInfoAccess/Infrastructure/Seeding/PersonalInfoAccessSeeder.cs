using ConsumerProtection.Modules.PersonalInfoAccess.Contracts;
using ConsumerProtection.Modules.PersonalInfoAccess.Domain;
using ConsumerProtection.Modules.PersonalInfoAccess.Ingest;
using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Infrastructure.Seeding;

/// <summary>
/// <c>seed --pi-events N</c>: a realistic access log (about 50 accesses per customer, a few thousand staff, six source
/// systems) spread evenly over the last months, appended through the same chained <see cref="EventAppender"/> as live
/// ingest in transactions of <see cref="BatchSize"/> events, so the seeded chain verifies like a real one. One
/// audit row summarises the run.
/// </summary>
internal sealed class PersonalInfoAccessSeeder(
    [FromKeyedServices(PersonalInfoAccessModule.SchemaName)] IModuleDb db, EventAppender appender, IAuditWriter audit, TimeProvider time) : ISeeder
{
    public const int BatchSize = 5000;
    public const int MaxCount = 50_000_000;
    private static readonly Caller Actor = Caller.System("seed");

    private static readonly (string System, AccessPurpose Purpose, LegalBasis Basis, DataCategory[] Categories, int Weight)[] Profiles =
    [
        ("core-banking", AccessPurpose.AccountServicing, LegalBasis.Contract, [new("account-number", DataTier.C2), new("balance", DataTier.C2), new("name", DataTier.C2)], 40),
        ("core-banking", AccessPurpose.AccountServicing, LegalBasis.Contract, [new("transactions", DataTier.C2), new("name", DataTier.C2)], 15),
        ("crm", AccessPurpose.AccountServicing, LegalBasis.Contract, [new("phone", DataTier.C2), new("address", DataTier.C2), new("customer-segment", DataTier.C1)], 15),
        ("credit", AccessPurpose.CreditReview, LegalBasis.Consent, [new("credit-report", DataTier.C2), new("income", DataTier.C2), new("id-number", DataTier.C2)], 8),
        ("call-center", AccessPurpose.ComplaintHandling, LegalBasis.LegalObligation, [new("phone", DataTier.C2), new("service-history", DataTier.C1)], 10),
        ("marketing", AccessPurpose.MarketingWithConsent, LegalBasis.Consent, [new("phone", DataTier.C2), new("marketing-preferences", DataTier.C1)], 5),
        ("risk", AccessPurpose.RiskControl, LegalBasis.LegalObligation, [new("transactions", DataTier.C2), new("risk-rating", DataTier.C1)], 6),
        ("mobile-backend", AccessPurpose.AccountServicing, LegalBasis.Contract, [new("one-time-code", DataTier.C3), new("phone", DataTier.C2)], 1),
    ];

    private static readonly string[] Departments = ["retail", "credit-card", "wealth", "loans", "operations", "call-center"];

    public string Name => "pi-events";

    public async Task<SeedProgress> SeedAsync(SeedRequest request, Action<SeedProgress>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.Months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Months, 120);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var random = new Random(request.Seed);
        var customers = Math.Max(1000, request.Count / 50);
        var staff = Math.Max(50, request.Count / 2000);
        var from = now.AddMonths(-request.Months);
        var step = (now - from).Ticks / request.Count;
        var totalWeight = Profiles.Sum(p => p.Weight);
        var batch = new List<AccessEvent>(BatchSize);
        var report = new SeedProgress(0, request.Count, TimeSpan.Zero);
        var runId = Guid.CreateVersion7(now);
        try
        {
            for (var i = 0; i < request.Count; i++)
            {
                var at = from.AddTicks(step * i + random.NextInt64(Math.Max(1, step)));
                batch.Add(Next(random, at, customers, staff, totalWeight));
                if (batch.Count == BatchSize || i == request.Count - 1)
                {
                    var recordedAt = at.AddSeconds(1) > now ? now : at.AddSeconds(1);
                    await db.InTransactionAsync((c, tx) => appender.AppendAsync(c, tx, batch, recordedAt, ct), ct);
                    report = new SeedProgress(report.Written + batch.Count, request.Count, time.GetElapsedTime(started));
                    batch.Clear();
                    progress?.Invoke(report);
                }
            }
        }
        finally
        {
            var written = report.Written;
            await db.InTransactionAsync((c, tx) => audit.AppendAsync(db, c, tx,
                new AuditEntry("pi-access.seeded", "seed-run", runId.ToString(), null,
                    new { request.Count, request.Months, request.Seed, Written = written }), Actor, CancellationToken.None), CancellationToken.None);
        }

        return report;
    }

    private static AccessEvent Next(Random random, DateTimeOffset at, int customers, int staff, int totalWeight)
    {
        var pick = random.Next(totalWeight);
        var profile = Profiles[^1];
        foreach (var p in Profiles)
        {
            if (pick < p.Weight)
            {
                profile = p;
                break;
            }

            pick -= p.Weight;
        }

        var staffNo = random.Next(staff);
        Span<byte> id = stackalloc byte[16];
        random.NextBytes(id);
        id[6] = (byte)((id[6] & 0x0F) | 0x40);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new AccessEvent
        {
            EventId = new Guid(id, bigEndian: true),
            OccurredAt = at,
            StaffId = $"staff-{staffNo:D5}",
            StaffRole = "teller",
            StaffBranch = $"BR-{staffNo % 200:D3}",
            StaffDepartment = Departments[staffNo % Departments.Length],
            SourceSystem = profile.System,
            CustomerRef = $"CIF-{random.Next(customers):D9}",
            Categories = profile.Categories,
            Action = random.Next(50) == 0 ? AccessAction.Export : AccessAction.View,
            Purpose = profile.Purpose,
            LegalBasis = profile.Basis,
            BusinessRef = profile.Purpose == AccessPurpose.CreditReview ? $"AUTH-{random.Next(1_000_000):D7}" : null,
            ConsentRef = profile.Purpose == AccessPurpose.MarketingWithConsent ? $"CONSENT-{random.Next(1_000_000):D7}" : null,
            AuthorizationRef = profile.Purpose == AccessPurpose.CreditReview ? $"AUTH-{random.Next(1_000_000):D7}" : null,
            Channel = random.Next(3) == 0 ? "branch-counter" : "internal-api",
            Outcome = random.Next(200) == 0 ? AccessOutcome.Denied : AccessOutcome.Succeeded,
        };
    }
}
