using ConsumerProtection.Shared.Audit;
using ConsumerProtection.Shared.Security;
using ConsumerProtection.Shared.Tests.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace ConsumerProtection.Shared.Tests.Audit;

// The audit writer end to end on a migrated SQLite kernel schema, then tampering with the file directly.
internal sealed class AuditWriterTests : KernelDbFixture
{
    private const string EntityId = "c-2025-0001";
    private static readonly DateTimeOffset Start = new(2025, 9, 30, 23, 30, 0, TimeSpan.FromHours(8));

    private FakeTimeProvider _time = null!;
    private AuditWriter _writer = null!;

    private sealed class FakeActor : IAuditActor
    {
        public Caller Current { get; } = new("key:tester", "Tester", new HashSet<Role> { Role.Admin, Role.Auditor }, "BR001");

        public string? CorrelationId => "corr-42";
    }

    [SetUp]
    public void CreateWriter()
    {
        _time = new FakeTimeProvider(Start);
        _writer = new AuditWriter(new FakeActor(), _time);
    }

    private Task<AuditRecord> AppendAsync(int step) =>
        Kernel.Db.InTransactionAsync((c, tx) => _writer.AppendAsync(Kernel.Db, c, tx,
            new AuditEntry("complaint.updated", "complaint", EntityId, new { Step = step - 1 }, new { Step = step }), CancellationToken.None),
            CancellationToken.None);

    private async Task<List<AuditRecord>> AppendThreeAsync()
    {
        var records = new List<AuditRecord>();
        for (var step = 1; step <= 3; step++)
        {
            records.Add(await AppendAsync(step));
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        return records;
    }

    private Task<AuditVerification> VerifyAsync() => AuditVerifier.VerifyAsync(Kernel.Db, CancellationToken.None);

    [Test]
    public async Task AppendAsync_ThreeEntries_SequencedLinkedAndVerifiable()
    {
        var records = await AppendThreeAsync();

        Assert.That(records.Select(r => r.Seq), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(records[0].PrevHash, Is.EqualTo(AuditHash.Genesis));
        Assert.That(records[1].PrevHash, Is.EqualTo(records[0].RowHash));
        Assert.That(records[2].PrevHash, Is.EqualTo(records[1].RowHash));
        Assert.That(records[2].OccurredAt, Is.EqualTo(Start.AddMinutes(2)));
        // Roles in enum order, whatever order the caller's set holds them in, so the hash input is stable.
        Assert.That(records[0].ActorRoles, Is.EqualTo("Auditor,Admin"));
        Assert.That(records[0].ActorBranch, Is.EqualTo("BR001"));
        Assert.That(records[0].CorrelationId, Is.EqualTo("corr-42"));
        Assert.That(records[0].AfterJson, Is.EqualTo("""{"step":1}"""));
        Assert.That(await VerifyAsync(), Is.EqualTo(new AuditVerification(true, 3, null, null)));
    }

    [Test]
    public async Task AppendAsync_ThreeEntries_StoredRowsEqualReturnedRecords()
    {
        var records = await AppendThreeAsync();

        var stored = await AuditQuery.TimelineAsync(Kernel.Db, "complaint", EntityId, CancellationToken.None);

        Assert.That(stored, Is.EqualTo(records));
    }

    [Test]
    public async Task AppendAsync_TransactionRolledBack_NoAuditRowAndNextAppendIsSeqOne()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Kernel.Db.InTransactionAsync<AuditRecord>(async (c, tx) =>
        {
            await _writer.AppendAsync(Kernel.Db, c, tx, new AuditEntry("complaint.filed", "complaint", EntityId), CancellationToken.None);
            throw new InvalidOperationException("the state change failed");
        }, CancellationToken.None));

        Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM audit_log"), Is.Zero);
        Assert.That((await AppendAsync(1)).Seq, Is.EqualTo(1));
    }

    [TestCase("UPDATE audit_log SET action = 'complaint.deleted' WHERE seq = 2", TestName = "AppendOnlyTrigger_Update_Refused")]
    [TestCase("DELETE FROM audit_log WHERE seq = 2", TestName = "AppendOnlyTrigger_Delete_Refused")]
    public async Task AppendOnlyTrigger_Refused(string tamper)
    {
        await AppendThreeAsync();

        var ex = Assert.Throws<SqliteException>(() => Kernel.ExecuteRaw(tamper));

        Assert.That(ex!.Message, Does.Contain("audit_log is append-only"));
        Assert.That(await VerifyAsync(), Is.EqualTo(new AuditVerification(true, 3, null, null)));
    }

    [TestCase("UPDATE audit_log SET action = 'complaint.deleted' WHERE seq = 2", "edited",
        TestName = "VerifyAsync_ActionEditedInFile_NamesThatSeqAsEdited")]
    [TestCase("DELETE FROM audit_log WHERE seq = 2", "missing", TestName = "VerifyAsync_RowDeletedFromFile_NamesThatSeqAsMissing")]
    public async Task VerifyAsync_TamperedInFile(string tamper, string problem)
    {
        await AppendThreeAsync();
        Kernel.ExecuteRaw("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");

        Kernel.ExecuteRaw(tamper);

        AuditChain.AssertBroken(await VerifyAsync(), seq: 2, problem);
    }
}
