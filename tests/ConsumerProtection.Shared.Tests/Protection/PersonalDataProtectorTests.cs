using System.Collections.Concurrent;
using ConsumerProtection.Shared.Protection;

namespace ConsumerProtection.Shared.Tests.Protection;

public sealed class PersonalDataProtectorTests
{
    private static readonly FieldBinding Name1 = new("complaints.complaint", "consumer_name", "row-1");

    [TestCase("王芳")]
    [TestCase("")]
    [TestCase("li.na@example.cn")]
    [TestCase("a very long value with emoji 😀 and 中文 repeated to pass the stack buffers ……………………………………………………………………………………………………………………………………………………………………………………………………………………………………………………………………………………………")]
    public void Protect_ThenUnprotect_RoundTrips(string value)
    {
        using var protector = TestKeys.Protector();
        var envelope = protector.Protect(value, Name1);
        Assert.Multiple(() =>
        {
            Assert.That(envelope, Does.StartWith("enc:v1:k1:"));
            Assert.That(PersonalDataProtector.KeyIdOf(envelope), Is.EqualTo("k1"));
            Assert.That(protector.Unprotect(envelope, Name1), Is.EqualTo(value));
        });
    }

    [Test]
    public void Protect_SameValueTwice_UsesFreshNonces()
    {
        using var protector = TestKeys.Protector();
        var a = protector.Protect("王芳", Name1);
        var b = protector.Protect("王芳", Name1);
        Assert.That(a, Is.Not.EqualTo(b));
        Assert.That(Convert.FromBase64String(a[10..])[..12], Is.Not.EqualTo(Convert.FromBase64String(b[10..])[..12]), "the 96-bit nonces differ");
    }

    [Test]
    public void Unprotect_EnvelopeCopiedToAnotherRow_FailsNamingTheField()
    {
        using var protector = TestKeys.Protector();
        var envelope = protector.Protect("王芳", Name1);
        var other = Name1 with { RecordId = "row-2" };
        Assert.That(() => protector.Unprotect(envelope, other), Throws.TypeOf<PersonalDataProtectionException>()
            .With.Message.Contains("failed authentication").And.Message.Contains("consumer_name of row-2").And.Message.Not.Contains("王芳"));
    }

    [Test]
    public void Unprotect_EnvelopeCopiedToAnotherColumnOrTable_Fails()
    {
        using var protector = TestKeys.Protector();
        var envelope = protector.Protect("13800001111", new FieldBinding("complaints.complaint", "consumer_phone", "row-1"));
        Assert.Multiple(() =>
        {
            Assert.That(() => protector.Unprotect(envelope, new FieldBinding("complaints.complaint", "consumer_id_number", "row-1")),
                Throws.TypeOf<PersonalDataProtectionException>());
            Assert.That(() => protector.Unprotect(envelope, new FieldBinding("other.table", "consumer_phone", "row-1")),
                Throws.TypeOf<PersonalDataProtectionException>());
        });
    }

    [Test]
    public void Unprotect_TamperedCiphertext_FailsAuthentication()
    {
        using var protector = TestKeys.Protector();
        var envelope = protector.Protect("王芳", Name1);
        var bytes = Convert.FromBase64String(envelope["enc:v1:k1:".Length..]);
        bytes[14] ^= 0x01;
        var tampered = "enc:v1:k1:" + Convert.ToBase64String(bytes);
        Assert.That(() => protector.Unprotect(tampered, Name1),
            Throws.TypeOf<PersonalDataProtectionException>().With.Message.Contains("failed authentication"));
    }

    [Test]
    public void Unprotect_UnknownKeyId_FailsNamingTheKey()
    {
        using var protector = TestKeys.Protector();
        var envelope = protector.Protect("王芳", Name1).Replace("enc:v1:k1:", "enc:v1:k9:", StringComparison.Ordinal);
        Assert.That(() => protector.Unprotect(envelope, Name1),
            Throws.TypeOf<PersonalDataProtectionException>().With.Message.Contains("key 'k9'").And.Message.Contains("does not have"));
    }

    [Test]
    public void Unprotect_OtherKeyUnderTheSameId_FailsAuthentication()
    {
        using var writer = TestKeys.Protector();
        using var reader = new PersonalDataProtector(new ProtectionKeyring(
            new Dictionary<string, byte[]> { ["k1"] = TestKeys.K2 }, "k1", TestKeys.Blind, "test"));
        Assert.That(() => reader.Unprotect(writer.Protect("王芳", Name1), Name1), Throws.TypeOf<PersonalDataProtectionException>());
    }

    [TestCase("王芳")]
    [TestCase("enc:v1:k1")]
    [TestCase("enc:v1:k1:not*base64")]
    [TestCase("enc:v1:k1:AAAA")]
    public void Unprotect_NotAnEnvelopeOrMalformed_Fails(string value)
    {
        using var protector = TestKeys.Protector();
        Assert.That(() => protector.Unprotect(value, Name1), Throws.TypeOf<PersonalDataProtectionException>());
    }

    [Test]
    public void Rotation_NewKeyWrites_OldKeyStillDecrypts()
    {
        using var before = TestKeys.Protector("k1");
        var old = before.Protect("王芳", Name1);
        using var after = TestKeys.Protector("k2", withK2: true);
        var fresh = after.Protect("李明", Name1);
        Assert.Multiple(() =>
        {
            Assert.That(after.ActiveKeyId, Is.EqualTo("k2"));
            Assert.That(fresh, Does.StartWith("enc:v1:k2:"));
            Assert.That(after.Unprotect(old, Name1), Is.EqualTo("王芳"));
            Assert.That(() => before.Unprotect(fresh, Name1), Throws.TypeOf<PersonalDataProtectionException>().With.Message.Contains("'k2'"));
        });
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ProtectAndUnprotect_ManyThreadsAtOnce_EveryValueRoundTrips(bool pooled)
    {
        // AesGcm instances are not thread-safe: the pool must never hand one to two callers at once.
        using var protector = TestKeys.Protector(pooled: pooled);
        var wrong = new ConcurrentBag<int>();
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var binding = Name1 with { RecordId = "row-" + i };
            var value = "消费者" + i;
            if (protector.Unprotect(protector.Protect(value, binding), binding) != value)
            {
                wrong.Add(i);
            }
        });
        Assert.That(wrong, Is.Empty);
    }
}
