using ConsumerProtection.Shared.Audit;

namespace ConsumerProtection.Benchmarks.Kernel;

// Audit rows shaped like the ones the modules write: a keyed caller, a short before/after JSON, a correlation id.
internal static class AuditSamples
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 30, 0, TimeSpan.Zero);

    public static AuditRecord Typical(long seq, string prevHash) => new()
    {
        Seq = seq,
        Id = new Guid(0x0195_0000 + (int)(seq % int.MaxValue), 0x7abc, 0x7def, 1, 2, 3, 4, 5, 6, 7, 8),
        OccurredAt = Start.AddSeconds(seq),
        ActorId = "key:01950a3c-5d2e-7f10-9c4b-1a2b3c4d5e6f",
        ActorName = "branch-0412-intake",
        ActorRoles = "ComplaintHandler,Teller",
        ActorBranch = "0412",
        Action = "complaint.status-changed",
        EntityType = "complaint",
        EntityId = "01950a3c-6e1f-7a20-8b3c-" + seq.ToString("x12", System.Globalization.CultureInfo.InvariantCulture),
        BeforeJson = """{"status":"Registered","assignedTo":null,"dueAt":"2026-03-16T16:00:00+00:00","version":3}""",
        AfterJson = """{"status":"InProgress","assignedTo":"staff:0412-07","dueAt":"2026-03-16T16:00:00+00:00","version":4}""",
        CorrelationId = "0195a0c1d2e37f40b5a6c7d8e9f00112",
        PrevHash = prevHash,
    };

    /// <summary>A valid chain of <paramref name="count"/> rows, as the writer would have stored them.</summary>
    public static AuditRecord[] Chain(int count)
    {
        var rows = new AuditRecord[count];
        var prev = AuditHash.Genesis;
        for (var i = 0; i < count; i++)
        {
            var row = Typical(i + 1, prev);
            rows[i] = row with { RowHash = AuditHash.Compute(row) };
            prev = rows[i].RowHash;
        }

        return rows;
    }
}
