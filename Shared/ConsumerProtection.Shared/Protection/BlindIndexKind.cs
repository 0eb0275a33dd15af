namespace ConsumerProtection.Shared.Protection;

/// <summary>What a blind index is computed over; each kind has its own normalisation and its own HMAC domain.</summary>
public enum BlindIndexKind
{
    /// <summary>A phone number: digits only, a leading '+' (international form) kept.</summary>
    Phone,

    /// <summary>An e-mail address: trimmed and lower-cased.</summary>
    Email,

    /// <summary>An identity document number: trimmed and upper-cased.</summary>
    IdNumber,
}
