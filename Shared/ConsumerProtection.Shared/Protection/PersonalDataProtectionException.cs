namespace ConsumerProtection.Shared.Protection;

/// <summary>
/// A stored personal-data value could not be decrypted: unknown key id, malformed envelope, or a ciphertext that
/// fails authentication (altered, or copied from another row or field). The message names the field, never the value.
/// </summary>
public sealed class PersonalDataProtectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PersonalDataProtectionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PersonalDataProtectionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PersonalDataProtectionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
