using System.Data;
using ConsumerProtection.Modules.PersonalInfoAccess.Chain;
using ConsumerProtection.Shared.Data;
using ConsumerProtection.Shared.Retention;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Chain;

/// <summary>The verifier's SQL Server reading path (typed values, sequential access) on rows that do not read back.</summary>
public sealed class ChainRowSqlServerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 2, 0, 0, TimeSpan.Zero);

    // The columns of ChainRow.Sql with SQL Server's types.
    private static DataTable Table()
    {
        var t = new DataTable();
        t.Columns.Add("seq", typeof(long));
        t.Columns.Add("event_id", typeof(object));
        t.Columns.Add("occurred_at", typeof(DateTimeOffset));
        t.Columns.Add("recorded_at", typeof(DateTimeOffset));
        foreach (var name in new[] { "staff_id", "staff_role", "staff_branch", "staff_department", "source_system", "customer_ref", "categories" })
        {
            t.Columns.Add(name, typeof(string));
        }

        t.Columns.Add("max_tier", typeof(byte));
        foreach (var name in new[] { "action", "purpose", "purpose_text", "legal_basis", "business_ref", "consent_ref", "authorization_ref", "channel", "outcome" })
        {
            t.Columns.Add(name, typeof(string));
        }

        foreach (var name in new[] { "payload_hash", "prev_hash", "row_hash" })
        {
            t.Columns.Add(name, typeof(byte[]));
        }

        t.Columns.Add("purged_at", typeof(DateTimeOffset));
        t.Columns.Add("personal_salt", typeof(byte[]));
        t.Columns.Add("personal_hash", typeof(byte[]));
        return t;
    }

    private static object?[] Row(long seq) =>
    [
        seq, Guid.CreateVersion7(), At, At, "staff-1", null, "BR-001", null, "core-banking", "CIF-1", "balance:C3", (byte)3,
        "View", "AccountServicing", null, "Contract", null, null, null, null, "Succeeded",
        new byte[32], new byte[32], new byte[32], null, new byte[16], new byte[32],
    ];

    private static async Task<VerifyResult?> WalkAsync(DataTable table)
    {
        using var key = new CheckpointKey(Options.Create(new CheckpointOptions()), new StorageOptions(), NullLogger<CheckpointKey>.Instance);
        var (purges, _, _) = PurgeCheck.Load([], key, At, TimeSpan.FromMinutes(5), new RetentionOptions());
        await using var reader = new SequentialReader(table);
        return await ChainVerifier.WalkAsync(reader, new ChainVerifier.Walk(1, null), [], purges!, sqlite: false, CancellationToken.None);
    }

    [TestCase("source_system", null, TestName = "Walk_SqlServerRowWithANullInANotNullColumn_IsEditedNotAServerError")]
    [TestCase("event_id", "not-a-guid", TestName = "Walk_SqlServerRowWithAValueOfTheWrongType_IsEditedNotAServerError")]
    public async Task Walk_UnreadableSqlServerRow_IsEdited(string column, object? value)
    {
        var table = Table();
        table.Rows.Add(Row(1));
        table.Rows[0][column] = value ?? DBNull.Value;

        var result = await WalkAsync(table);

        Assert.That(result, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(result!.Kind, Is.EqualTo(ChainDamage.Edited));
            Assert.That(result.FirstBrokenSeq, Is.EqualTo(1));
            Assert.That(result.Detail, Does.Contain("cannot be read back"));
        });
    }

    [Test]
    public async Task Walk_ReadableSqlServerRowWithWrongHashes_IsEditedByTheHashCheck()
    {
        // The control: a row that reads fine reaches the hash checks (so the two tests above fail only in reading).
        var table = Table();
        table.Rows.Add(Row(1));
        var result = await WalkAsync(table);
        Assert.That(result!.Detail, Does.Contain("does not match"));
    }
}
