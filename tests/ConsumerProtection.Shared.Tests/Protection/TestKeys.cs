using System.Security.Cryptography;
using ConsumerProtection.Shared.Protection;

namespace ConsumerProtection.Shared.Tests.Protection;

/// <summary>Keyrings for the protector tests: fixed, distinct keys.</summary>
internal static class TestKeys
{
    public static readonly byte[] K1 = Bytes(1);
    public static readonly byte[] K2 = Bytes(2);
    public static readonly byte[] Blind = Bytes(3);

    public static PersonalDataProtector Protector(string active = "k1", bool withK2 = false, byte[]? blind = null, bool pooled = true)
    {
        var keys = new Dictionary<string, byte[]> { ["k1"] = K1 };
        if (withK2 || active == "k2")
        {
            keys["k2"] = K2;
        }

        return new PersonalDataProtector(new ProtectionKeyring(keys, active, blind ?? Blind, "test"), pooled);
    }

    public static string Base64(byte[] key) => Convert.ToBase64String(key);

    public static byte[] Bytes(byte seed) => SHA256.HashData([seed]);
}
