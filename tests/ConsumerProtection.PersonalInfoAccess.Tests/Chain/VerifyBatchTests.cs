using ConsumerProtection.Modules.PersonalInfoAccess.Chain;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

/// <summary>
/// The verifier reads rows in batches of <see cref="ChainVerifier.BatchSize"/> and checks one batch's hashes while it
/// reads the next: damage at and across batch edges, and a look-ahead that runs past the batch read ahead, must be found
/// exactly as a row-by-row walk finds it.
/// </summary>
public sealed class VerifyBatchTests : ChainFixture
{
    private const int B = ChainVerifier.BatchSize;
    private const int Events = 2 * B + 100;

    protected override int Seeded => Events;

    [Test]
    public async Task Verify_ThreeBatchesIntact_ChecksEveryRow()
    {
        var result = await Auditor.VerifyAsync();
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());
        Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(Events));
    }

    [TestCase(B)]
    [TestCase(B + 1)]
    [TestCase(2 * B)]
    [TestCase(Events)]
    public async Task Verify_FieldEditedAtABatchEdge_IsEditedAtThatSeq(int seq)
    {
        Api.Tamper($"UPDATE access_event SET staff_branch = 'BR-999' WHERE seq = {seq}");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", seq);
    }

    [Test]
    public async Task Verify_EditsInTwoBatches_ReportsTheFirst()
    {
        Api.Tamper($"UPDATE access_event SET staff_branch = 'BR-999' WHERE seq = {B + 40}", "UPDATE access_event SET staff_branch = 'BR-999' WHERE seq = 30");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", 30);
    }

    [Test]
    public async Task Verify_UnreadableRowAfterAnEditEarlierInItsBatch_ReportsTheEdit()
    {
        Api.Tamper($"UPDATE access_event SET occurred_at = 'soon' WHERE seq = {B + 60}", $"UPDATE access_event SET staff_branch = 'BR-999' WHERE seq = {B + 20}");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Edited", B + 20);
    }

    // Row b's content at seq a links to row b - 1; for 2B + 6 that row lies past the batch read ahead (rows B+1..2B)
    // but within the look-ahead window (ChainVerifier.Window rows after a), so it is found by reading on.
    [TestCase(B, B + 1, B, TestName = "Verify_RowsSwappedAcrossABatchEdge_IsReordered")]
    [TestCase(10, 600, 10, TestName = "Verify_RowMovedIntoTheBatchReadAhead_IsReorderedAtItsNewPlace")]
    [TestCase(10, 2 * B + 6, 10, TestName = "Verify_RowMovedPastTheBatchReadAhead_IsFoundByReadingOn")]
    public async Task Verify_Swapped(int a, int b, int firstBroken)
    {
        Api.Tamper(
            $"UPDATE access_event SET seq = -1 WHERE seq = {a}",
            $"UPDATE access_event SET seq = {a} WHERE seq = {b}",
            $"UPDATE access_event SET seq = {b} WHERE seq = -1");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Reordered", firstBroken);
    }

    [Test]
    public async Task Verify_RowDeletedAtABatchEdge_IsMissing()
    {
        Api.Tamper($"DELETE FROM access_event WHERE seq = {B + 1}");
        ChainTestKit.AssertBroken(await Auditor.VerifyAsync(), "Missing", B + 1);
    }

    [Test]
    public async Task Verify_SubRangeStartingInTheSecondBatch_ChecksOnlyTheRange()
    {
        Api.Tamper("UPDATE access_event SET staff_branch = 'BR-999' WHERE seq = 5");
        var result = await Auditor.VerifyAsync(new { fromSeq = B - 3, toSeq = 2 * B + 7 });
        Assert.That(result.GetProperty("ok").GetBoolean(), Is.True, result.ToString());
        Assert.That(result.GetProperty("checked").GetInt64(), Is.EqualTo(B + 11));
    }
}
