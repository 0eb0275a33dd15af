using System.Buffers;

namespace ConsumerProtection.Modules.PersonalInfoAccess.Domain;

internal static partial class EventHash
{
    /// <summary>The fields payload v2 hashes directly (the ones a purge keeps), in hashing order.</summary>
    private static readonly PayloadField[] KeptFields =
    [
        PayloadField.StaffRole, PayloadField.StaffBranch, PayloadField.StaffDepartment, PayloadField.SourceSystem, PayloadField.Categories,
        PayloadField.Action, PayloadField.Purpose, PayloadField.LegalBasis, PayloadField.Channel, PayloadField.Outcome,
    ];

    /// <summary>
    /// H(personal tag, salt, staff id, customer reference, purpose text, business, consent and authorization references):
    /// exactly the fields the retention purge clears (README: "Retention").
    /// </summary>
    public static void Personal<TSource>(in TSource p, ReadOnlySpan<byte> salt, Span<byte> destination)
        where TSource : IPayloadSource
    {
        var rented = ArrayPool<byte>.Shared.Rent(MaxBytes(p));
        try
        {
            var w = new Writer(rented);
            w.Raw(PersonalTag);
            w.Raw(salt);
            p.WriteText(ref w, PayloadField.StaffId);
            p.WriteText(ref w, PayloadField.CustomerRef);
            p.WriteText(ref w, PayloadField.PurposeText);
            p.WriteText(ref w, PayloadField.BusinessRef);
            p.WriteText(ref w, PayloadField.ConsentRef);
            p.WriteText(ref w, PayloadField.AuthorizationRef);
            Sha256(rented.AsSpan(0, w.Length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Payload v2: the fields a purge keeps, then the personal hash standing in for the ones it clears.</summary>
    public static void PayloadV2<TSource>(in TSource p, ReadOnlySpan<byte> personalHash, Span<byte> destination)
        where TSource : IPayloadSource
    {
        var rented = ArrayPool<byte>.Shared.Rent(MaxBytes(p));
        try
        {
            var w = new Writer(rented);
            w.Raw(PayloadV2Tag);
            w.Guid(p.EventId);
            w.Int64(p.OccurredAtUtcTicks);
            foreach (var f in KeptFields)
            {
                p.WriteText(ref w, f);
            }

            w.Raw(personalHash);
            Sha256(rented.AsSpan(0, w.Length), destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Both v2 hashes of an event as the writer stores them.</summary>
    public static void V2<TSource>(in TSource p, ReadOnlySpan<byte> salt, Span<byte> personalHash, Span<byte> payloadHash)
        where TSource : IPayloadSource
    {
        Personal(p, salt, personalHash);
        PayloadV2(p, personalHash, payloadHash);
    }
}
