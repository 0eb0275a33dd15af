using ConsumerProtection.Shared.Audit;

namespace ConsumerProtection.Shared.Tests.Audit;

internal sealed class AuditHashTests
{
    private static readonly AuditRecord Baseline = AuditChain.Row(7) with { PrevHash = AuditHash.Genesis };

    [Test]
    public void Genesis_Always_SixtyFourZeros() =>
        Assert.That(AuditHash.Genesis, Is.EqualTo(string.Concat(Enumerable.Repeat("0", 64))));

    [Test]
    public void Compute_SameRecordTwice_SameLowerCaseSha256Hex()
    {
        var hash = AuditHash.Compute(Baseline);

        Assert.That(hash, Does.Match("^[0-9a-f]{64}$"));
        Assert.That(AuditHash.Compute(Baseline with { }), Is.EqualTo(hash));
    }

    [Test]
    public void Compute_OwnRowHashChanged_Ignored() =>
        Assert.That(AuditHash.Compute(Baseline with { RowHash = "anything" }),
            Is.EqualTo(AuditHash.Compute(Baseline with { RowHash = "" })));

    [Test]
    public void Compute_SameInstantInAnotherOffset_SameHash() =>
        // Stored instants come back as UTC; the hash must not depend on the offset they were written with.
        Assert.That(AuditHash.Compute(Baseline with { OccurredAt = Baseline.OccurredAt.ToUniversalTime() }),
            Is.EqualTo(AuditHash.Compute(Baseline)));

    [Test]
    public void Compute_FieldSplitMovedBetweenNeighbours_DifferentHash()
    {
        var abC = Baseline with { ActorId = "ab", ActorName = "c" };
        var aBc = Baseline with { ActorId = "a", ActorName = "bc" };

        Assert.That(AuditHash.Compute(abC), Is.Not.EqualTo(AuditHash.Compute(aBc)));
    }

    [Test]
    public void Compute_DelimiterInsideValue_DifferentFromSplitFields()
    {
        // Without length prefixes both would read "a|b|c|".
        var joined = Baseline with { EntityType = "a|b", EntityId = "c" };
        var split = Baseline with { EntityType = "a", EntityId = "b|c" };

        Assert.That(AuditHash.Compute(joined), Is.Not.EqualTo(AuditHash.Compute(split)));
    }

    private static IEnumerable<TestCaseData> NullVersusEmpty()
    {
        (string Field, Func<AuditRecord, AuditRecord> Null, Func<AuditRecord, AuditRecord> Empty)[] cases =
        [
            ("ActorBranch", r => r with { ActorBranch = null }, r => r with { ActorBranch = "" }),
            ("BeforeJson", r => r with { BeforeJson = null }, r => r with { BeforeJson = "" }),
            ("AfterJson", r => r with { AfterJson = null }, r => r with { AfterJson = "" }),
            ("CorrelationId", r => r with { CorrelationId = null }, r => r with { CorrelationId = "" }),
        ];
        return cases.Select(c => new TestCaseData(c.Null, c.Empty).SetName($"Compute_NullVersusEmpty{c.Field}_DifferentHash"));
    }

    [TestCaseSource(nameof(NullVersusEmpty))]
    public void Compute_NullVersusEmpty(Func<AuditRecord, AuditRecord> toNull, Func<AuditRecord, AuditRecord> toEmpty) =>
        Assert.That(AuditHash.Compute(toNull(Baseline)), Is.Not.EqualTo(AuditHash.Compute(toEmpty(Baseline))));

    private static IEnumerable<TestCaseData> EveryField()
    {
        (string Field, Func<AuditRecord, AuditRecord> Change)[] changes =
        [
            ("Seq", r => r with { Seq = r.Seq + 1 }),
            ("Id", r => r with { Id = Guid.Empty }),
            ("OccurredAt", r => r with { OccurredAt = r.OccurredAt.AddTicks(1) }),
            ("ActorId", r => r with { ActorId = r.ActorId + "x" }),
            ("ActorName", r => r with { ActorName = r.ActorName + "x" }),
            ("ActorRoles", r => r with { ActorRoles = "Admin" }),
            ("ActorBranch", r => r with { ActorBranch = "BR002" }),
            ("Action", r => r with { Action = "complaint.deleted" }),
            ("EntityType", r => r with { EntityType = "training" }),
            ("EntityId", r => r with { EntityId = r.EntityId + "x" }),
            ("BeforeJson", r => r with { BeforeJson = "{}" }),
            ("AfterJson", r => r with { AfterJson = "{}" }),
            ("CorrelationId", r => r with { CorrelationId = "other" }),
            ("PrevHash", r => r with { PrevHash = new string('1', 64) }),
        ];
        return changes.Select(c => new TestCaseData(c.Change).SetName($"Compute_{c.Field}Changed_DifferentHash"));
    }

    [TestCaseSource(nameof(EveryField))]
    public void Compute_FieldChanged(Func<AuditRecord, AuditRecord> change) =>
        Assert.That(AuditHash.Compute(change(Baseline)), Is.Not.EqualTo(AuditHash.Compute(Baseline)));
}
