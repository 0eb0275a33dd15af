namespace ConsumerProtection.Shared.Protection;

/// <summary>The normal forms blind indexes are computed over, so equal identifiers written differently still match.</summary>
public static class PersonalDataNormalisation
{
    /// <summary>The normal form of <paramref name="value"/> for <paramref name="kind"/>.</summary>
    public static string Normalise(BlindIndexKind kind, string value) => kind switch
    {
        BlindIndexKind.Phone => Phone(value),
        BlindIndexKind.Email => value.Trim().ToLowerInvariant(),
        BlindIndexKind.IdNumber => value.Trim().ToUpperInvariant(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a blind index kind."),
    };

    /// <summary>
    /// Digits only, with a leading '+' kept: "+86 138-0000 1111" and "+8613800001111" match; a number written
    /// without its country code stays a different number, as intake's repeat lookup has always treated it.
    /// </summary>
    public static string Phone(string value)
    {
        var trimmed = value.TrimStart();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return trimmed.StartsWith('+') ? "+" + digits : digits;
    }
}
