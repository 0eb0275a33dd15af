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

    [Test]
    public async Task ForOneTransaction_AfterPlainRows_ContinuesTheChain_StoresWhatItReturns_AndVerifies()
    {
        // A group commit (ADR 0007) reads the head once and carries it in memory; the rows must be those the plain
        // writer would store, and the chain must continue across both writers.
        var plain = await AppendThreeAsync();
        var other = new Caller("key:teller", "Teller", new HashSet<Role> { Role.Teller }, "BR002");

        var batch = await Kernel.Db.InTransactionAsync<List<AuditRecord>>(async (c, tx) =>
        {
            var writer = _writer.ForOneTransaction();
            var rows = new List<AuditRecord>();
            try
            {
                for (var step = 4; step <= 8; step++)
                {
                    rows.Add(step % 2 == 0
                        ? await writer.AppendAsync(Kernel.Db, c, tx, new AuditEntry("complaint.updated", "complaint", EntityId, null, new { Step = step }), CancellationToken.None)
                        : await writer.AppendAsync(Kernel.Db, c, tx, new AuditEntry("complaint.updated", "complaint", EntityId) { CorrelationId = "corr-" + step }, other, CancellationToken.None));
                }
            }
            finally
            {
                await writer.DisposeAsync();
            }

            return rows;
        }, CancellationToken.None);
        var next = await AppendAsync(9);

        var stored = await AuditQuery.TimelineAsync(Kernel.Db, "complaint", EntityId, CancellationToken.None);
        var verification = await VerifyAsync();
        Assert.Multiple(() =>
        {
            Assert.That(batch.Select(r => r.Seq), Is.EqualTo(new long[] { 4, 5, 6, 7, 8 }));
            Assert.That(batch[0].PrevHash, Is.EqualTo(plain[2].RowHash));
            Assert.That(next.PrevHash, Is.EqualTo(batch[4].RowHash));
            Assert.That(stored, Is.EqualTo(plain.Concat(batch).Append(next)), "stored rows are the returned ones");
            Assert.That(batch[1].ActorId, Is.EqualTo("key:teller"));
            Assert.That(batch[1].CorrelationId, Is.EqualTo("corr-5"));
            Assert.That(batch[0].CorrelationId, Is.EqualTo("corr-42"), "ambient correlation id when the entry has none");
            Assert.That(batch[0].AfterJson, Is.EqualTo("""{"step":4}"""));
            Assert.That(verification, Is.EqualTo(new AuditVerification(true, 9, null, null)));
        });
    }

    [Test]
    public async Task ForOneTransaction_UsedInASecondTransaction_Refused()
    {
        var writer = _writer.ForOneTransaction();
        await Kernel.Db.InTransactionAsync((c, tx) => writer.AppendAsync(Kernel.Db, c, tx, new AuditEntry("a", "complaint", EntityId), CancellationToken.None),
            CancellationToken.None);

        await Assert.ThatAsync(() => Kernel.Db.InTransactionAsync(
            (c, tx) => writer.AppendAsync(Kernel.Db, c, tx, new AuditEntry("b", "complaint", EntityId), CancellationToken.None), CancellationToken.None),
            Throws.InvalidOperationException);
        await writer.DisposeAsync();
        Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM audit_log"), Is.EqualTo(1));
    }

    [Test]
    public async Task ForOneTransaction_OfAWrapperWithoutItsOwnMode_AppendsThroughTheWrapper_InTwoTransactions()
    {
        // An acting writer has no one-transaction mode: it hands out a writer that appends as the wrapper does (its
        // actor), is not tied to one transaction, and has nothing to release.
        var clerk = new Caller("key:clerk", "Clerk", new HashSet<Role> { Role.Admin }, "BR002");
        IAuditWriter acting = new ActingAuditWriter(_writer, clerk, "corr-acting");
        await using var writer = acting.ForOneTransaction();
        foreach (var action in new[] { "a", "b" })
        {
            await Kernel.Db.InTransactionAsync((c, tx) => writer.AppendAsync(Kernel.Db, c, tx, new AuditEntry(action, "complaint", EntityId), CancellationToken.None),
                CancellationToken.None);
        }

        Assert.That(Kernel.ScalarRaw("SELECT COUNT(*) FROM audit_log WHERE actor_id = 'key:clerk' AND correlation_id = 'corr-acting'"), Is.EqualTo(2));
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
