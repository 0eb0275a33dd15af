using ConsumerProtection.Shared.Audit;
using static ConsumerProtection.Shared.Tests.Audit.AuditChain;

namespace ConsumerProtection.Shared.Tests.Audit;

// The verifier over in-memory rows, given in stored (seq) order.
internal sealed class AuditVerifierTests
{
    private const int N = 6;

    [Test]
    public async Task VerifyAsync_ValidChain_OkWithEveryRowChecked()
    {
        var result = await VerifyAsync(Build(N));

        Assert.That(result, Is.EqualTo(new AuditVerification(true, N, null, null)));
    }

    [Test]
    public async Task VerifyAsync_EmptyChain_OkWithZeroChecked()
    {
        var result = await VerifyAsync([]);

        Assert.That(result, Is.EqualTo(new AuditVerification(true, 0, null, null)));
    }

    [Test]
    public async Task VerifyAsync_EditedRow_BrokenAtThatRowAsEdited()
    {
        var rows = Build(N);
        rows[2] = rows[2] with { Action = "complaint.deleted" };

        var result = await VerifyAsync(rows);

        AssertBroken(result, seq: 3, "edited");
        Assert.That(result.Checked, Is.EqualTo(3));
    }

    [Test]
    public async Task VerifyAsync_FirstRowEdited_BrokenAtOne()
    {
        var rows = Build(N);
        rows[0] = rows[0] with { ActorBranch = null };

        AssertBroken(await VerifyAsync(rows), seq: 1, "edited");
    }

    [Test]
    public async Task VerifyAsync_EditedRowRehashed_BrokenAtNextRow()
    {
        var rows = Build(N);
        rows[2] = Hashed(rows[2] with { AfterJson = """{"status":"closed"}""" });

        AssertBroken(await VerifyAsync(rows), seq: 4, "broken-link");
    }

    [Test]
    public async Task VerifyAsync_EditedRowAndNextPrevHashRewritten_BrokenAtRowAfter()
    {
        var rows = Build(N);
        rows[2] = Hashed(rows[2] with { ActorId = "key:intruder" });
        rows[3] = Hashed(rows[3] with { PrevHash = rows[2].RowHash });

        AssertBroken(await VerifyAsync(rows), seq: 5, "broken-link");
    }

    [Test]
    public async Task VerifyAsync_MiddleRowDeleted_MissingNamesThatSeq()
    {
        var rows = Build(N);
        rows.RemoveAt(2);

        var result = await VerifyAsync(rows);

        AssertBroken(result, seq: 3, "missing");
        Assert.That(result.Problem, Does.Contain("3..3"));
    }

    [Test]
    public async Task VerifyAsync_TwoRowsDeleted_MissingNamesTheRange()
    {
        var rows = Build(N);
        rows.RemoveRange(1, 2);

        var result = await VerifyAsync(rows);

        AssertBroken(result, seq: 2, "missing");
        Assert.That(result.Problem, Does.Contain("2..3"));
    }

    [Test]
    public async Task VerifyAsync_FirstRowDeleted_MissingAtOne() =>
        AssertBroken(await VerifyAsync(Build(N).Skip(1)), seq: 1, "missing");

    [Test]
    public async Task VerifyAsync_RowsStoredInSwappedOrder_BrokenAtFirstOutOfPlaceSeq()
    {
        // Rows 3 and 4 change places, each keeping its own seq: the stored order reads 1, 2, 4, 3, 5, 6.
        var rows = Build(N);
        (rows[2], rows[3]) = (rows[3], rows[2]);

        var result = await VerifyAsync(rows);

        Assert.That(result.Ok, Is.False);
        Assert.That(result.FirstBrokenSeq, Is.EqualTo(3));
    }

    [Test]
    public async Task VerifyAsync_ContentsSwappedSeqsKept_EditedAtFirstSwappedRow()
    {
        // The same swap as a query ordered by seq returns it: contents exchanged, seq numbers in place.
        var rows = Build(N);
        (rows[2], rows[3]) = (rows[3] with { Seq = 3 }, rows[2] with { Seq = 4 });

        AssertBroken(await VerifyAsync(rows), seq: 3, "edited");
    }

    [Test]
    public async Task VerifyAsync_RowReplayed_ReorderedAtRepeatedSeq()
    {
        var rows = Build(N);
        rows.Insert(3, rows[2]);

        AssertBroken(await VerifyAsync(rows), seq: 3, "reordered");
    }

    [Test]
    public async Task VerifyAsync_RowRelinkedToEarlierRow_Reordered()
    {
        var rows = Build(N);
        rows[3] = Hashed(rows[3] with { PrevHash = rows[1].RowHash });

        AssertBroken(await VerifyAsync(rows), seq: 4, "reordered");
    }
}
