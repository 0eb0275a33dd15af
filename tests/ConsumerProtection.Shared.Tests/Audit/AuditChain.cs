using ConsumerProtection.Shared.Audit;

namespace ConsumerProtection.Shared.Tests.Audit;

/// <summary>Builds valid in-memory audit chains and feeds rows to the verifier.</summary>
internal static class AuditChain
{
    private static readonly DateTimeOffset Start = new(2025, 9, 30, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A row with every field set, not yet hashed or linked.</summary>
    public static AuditRecord Row(long seq) => new()
    {
        Seq = seq,
        Id = new Guid(0x01990000 + (int)seq, 0, 0x7000, [0x80, 0, 0, 0, 0, 0, 0, (byte)seq]),
        OccurredAt = Start.AddMinutes(seq),
        ActorId = "key:tester",
        ActorName = "Tester",
        ActorRoles = "Auditor,ComplaintHandler",
        ActorBranch = "BR001",
        Action = "complaint.updated",
        EntityType = "complaint",
        EntityId = $"c-{seq}",
        BeforeJson = $$"""{"status":"open","rev":{{seq - 1}}}""",
        AfterJson = $$"""{"status":"handled","rev":{{seq}}}""",
        CorrelationId = $"corr-{seq}",
    };

    /// <summary>A valid chain of <paramref name="count"/> rows: seq 1..count, each linked to its predecessor.</summary>
    public static List<AuditRecord> Build(int count)
    {
        var rows = new List<AuditRecord>(count);
        var prev = AuditHash.Genesis;
        for (var seq = 1; seq <= count; seq++)
        {
            var row = Hashed(Row(seq) with { PrevHash = prev });
            rows.Add(row);
            prev = row.RowHash;
        }

        return rows;
    }

    /// <summary><paramref name="row"/> with its row hash recomputed (what a forger who knows the algorithm does).</summary>
    public static AuditRecord Hashed(AuditRecord row) => row with { RowHash = AuditHash.Compute(row) };

    public static Task<AuditVerification> VerifyAsync(IEnumerable<AuditRecord> rows) =>
        AuditVerifier.VerifyAsync(rows.ToAsyncEnumerable(), CancellationToken.None);

    /// <summary>Asserts the verification failed at <paramref name="seq"/> with a problem starting <paramref name="problem"/>.</summary>
    public static void AssertBroken(AuditVerification result, long seq, string problem)
    {
        Assert.That(result.Ok, Is.False);
        Assert.That(result.FirstBrokenSeq, Is.EqualTo(seq), result.Problem);
        Assert.That(result.Problem, Does.StartWith(problem));
    }
}
