using System.Globalization;
using System.Text;
using ConsumerProtection.Shared.Data;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Chain;

/// <summary>A signed checkpoint: the chain position, its row hash, when it was taken and by which key.</summary>
internal sealed record Checkpoint(long Seq, byte[] RowHash, DateTimeOffset CreatedAt, string KeyId, byte[] Signature);

/// <summary>
/// The exact bytes a checkpoint signature covers: ASCII text, one <c>name=value</c> per line after a version tag, each
/// line ending in <c>\n</c>, so an auditor can rebuild it with any tool (README: "Tamper evidence").
/// </summary>
internal static class CheckpointContent
{
    public const string Version = "pia-checkpoint-v1";

    public const string Description =
        "ASCII lines, each ending in \\n: 'pia-checkpoint-v1', 'seq=<decimal>', 'rowHash=<64 lower-case hex>', "
        + "'createdAt=<UTC yyyy-MM-ddTHH:mm:ss.fffffffZ>', 'keyId=<16 lower-case hex>'";

    public static byte[] For(long seq, ReadOnlySpan<byte> rowHash, DateTimeOffset createdAt, string keyId) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{Version}\nseq={seq}\nrowHash={Convert.ToHexStringLower(rowHash)}\ncreatedAt={DapperTypeHandlers.ToSqliteText(createdAt)}\nkeyId={keyId}\n"));

    public static byte[] For(Checkpoint c) => For(c.Seq, c.RowHash, c.CreatedAt, c.KeyId);
}
