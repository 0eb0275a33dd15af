using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ConsumerProtection.Shared.Audit;

/// <summary>The audit chain's hash: SHA-256 over every field, each length-prefixed, plus the previous row's hash.</summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first row.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Computes the row hash of <paramref name="r"/> (its own <see cref="AuditRecord.RowHash"/> is ignored).</summary>
    public static string Compute(AuditRecord r)
    {
        var sb = new StringBuilder(256);
        Add(sb, r.Seq.ToString(CultureInfo.InvariantCulture));
        Add(sb, r.Id.ToString("D"));
        Add(sb, r.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        Add(sb, r.ActorId);
        Add(sb, r.ActorName);
        Add(sb, r.ActorRoles);
        Add(sb, r.ActorBranch);
        Add(sb, r.Action);
        Add(sb, r.EntityType);
        Add(sb, r.EntityId);
        Add(sb, r.BeforeJson);
        Add(sb, r.AfterJson);
        Add(sb, r.CorrelationId);
        Add(sb, r.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    // Length prefixes keep ("ab","c") and ("a","bc") apart; -1 marks null.
    private static void Add(StringBuilder sb, string? value) =>
        sb.Append(value is null ? -1 : value.Length).Append(':').Append(value).Append('|');
}
