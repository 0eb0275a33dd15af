using ConsumerProtection.Shared.Protection;

namespace ConsumerProtection.Shared.Tests.Protection;

public sealed class BlindIndexTests
{
    [TestCase(BlindIndexKind.Phone, "+86 138-0000 1111", "+8613800001111")]
    [TestCase(BlindIndexKind.Phone, " +86-138 (0000) 1111", "+8613800001111")]
    [TestCase(BlindIndexKind.Email, " Li.Na@Example.CN ", "li.na@example.cn")]
    [TestCase(BlindIndexKind.IdNumber, " 11010519491231002x", "11010519491231002X")]
    public void BlindIndex_EqualAfterNormalisation_IsEqual(BlindIndexKind kind, string written, string normal)
    {
        using var protector = TestKeys.Protector();
        Assert.That(protector.BlindIndex(kind, written), Is.EqualTo(protector.BlindIndex(kind, normal)));
    }

    [Test]
    public void BlindIndex_DiffersByValueKindKeyAndCountryCode()
    {
        using var protector = TestKeys.Protector();
        using var otherKey = TestKeys.Protector(blind: TestKeys.Bytes(9));
        var phone = protector.BlindIndex(BlindIndexKind.Phone, "13800001111");
        Assert.Multiple(() =>
        {
            Assert.That(phone, Does.Match("^[0-9a-f]{32}$"));
            Assert.That(protector.BlindIndex(BlindIndexKind.Phone, "13800001112"), Is.Not.EqualTo(phone));
            Assert.That(protector.BlindIndex(BlindIndexKind.IdNumber, "13800001111"), Is.Not.EqualTo(phone), "kinds are separate domains");
            Assert.That(otherKey.BlindIndex(BlindIndexKind.Phone, "13800001111"), Is.Not.EqualTo(phone), "keyed: another key, another index");
            Assert.That(protector.BlindIndex(BlindIndexKind.Phone, "+8613800001111"), Is.Not.EqualTo(phone),
                "a number with its country code is another number, as the repeat lookup has always treated it");
        });
    }

    [Test]
    public void BlindIndex_DoesNotDependOnTheEncryptionKey()
    {
        using var k1 = TestKeys.Protector("k1");
        using var k2 = TestKeys.Protector("k2");
        Assert.That(k2.BlindIndex(BlindIndexKind.Email, "a@b.cn"), Is.EqualTo(k1.BlindIndex(BlindIndexKind.Email, "a@b.cn")),
            "rotating the encryption key keeps repeat detection working across old and new rows");
    }
}
