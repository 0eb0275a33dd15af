using System.Buffers;
using System.Security.Cryptography;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

internal static partial class EventHash
{
    /// <summary>
    /// H(personal tag, salt, staff id, customer reference, purpose text, business, consent and authorization references):
    /// exactly the fields the retention purge clears (README: "Retention").
    /// </summary>
    public static void Personal(in StoredPayload p, ReadOnlySpan<byte> salt, Span<byte> destination)
    {
        var rented = ArrayPool<byte>.Shared.Rent(MaxBytes(p));
        try
        {
            var w = new Writer(rented);
            w.Raw(PersonalTag);
            w.Raw(salt);
            w.Text(p.StaffId);
            w.Text(p.CustomerRef);
            w.Text(p.PurposeText);
            w.Text(p.BusinessRef);
            w.Text(p.ConsentRef);
            w.Text(p.AuthorizationRef);
            SHA256.HashData(rented.AsSpan(0, w.Length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Payload v2: the fields a purge keeps, then the personal hash standing in for the ones it clears.</summary>
    public static void PayloadV2(in StoredPayload p, ReadOnlySpan<byte> personalHash, Span<byte> destination)
    {
        var rented = ArrayPool<byte>.Shared.Rent(MaxBytes(p));
        try
        {
            var w = new Writer(rented);
            w.Raw(PayloadV2Tag);
            w.Guid(p.EventId);
            w.Int64(p.OccurredAtUtcTicks);
            w.Text(p.StaffRole);
            w.Text(p.StaffBranch);
            w.Text(p.StaffDepartment);
            w.Text(p.SourceSystem);
            w.Text(p.Categories);
            w.Text(p.Action);
            w.Text(p.Purpose);
            w.Text(p.LegalBasis);
            w.Text(p.Channel);
            w.Text(p.Outcome);
            w.Raw(personalHash);
            SHA256.HashData(rented.AsSpan(0, w.Length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Both v2 hashes of an event as the writer stores them.</summary>
    public static void V2(in StoredPayload p, ReadOnlySpan<byte> salt, Span<byte> personalHash, Span<byte> payloadHash)
    {
        Personal(p, salt, personalHash);
        PayloadV2(p, personalHash, payloadHash);
    }
}
