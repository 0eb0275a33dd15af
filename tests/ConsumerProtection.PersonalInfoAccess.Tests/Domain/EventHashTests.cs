using ConsumerProtection.Modules.PersonalInfoAccess.Domain;

namespace ConsumerProtection.PersonalInfoAccess.Tests.Domain;

/// <summary>
/// The hash formats are a contract with auditors and with every stored row: pinned here, so a change to what is hashed
/// (or in which order) fails a test instead of silently breaking verification of stored rows. The values were computed
/// by an independent implementation of the README's encoding (Python hashlib), not read back from this code.
/// </summary>
public sealed class EventHashTests
{
    private static readonly StoredPayload Sample = new(
        Guid.Parse("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"), 638682336000000000, "staff-001", "Teller", "BR-001", null, "core-banking",
        "CIF-00001", "balance:C3,name:C2", "View", "Other", "a phone request", "Contract", "BIZ-1", null, "AUTH-1", "counter", "Succeeded");

    private static readonly byte[] Salt = Enumerable.Range(1, EventHash.SaltSize).Select(i => (byte)i).ToArray();

    private static (string Personal, string Payload) V2(StoredPayload p)
    {
        var personal = new byte[EventHash.Size];
        var payload = new byte[EventHash.Size];
        EventHash.V2(p, Salt, personal, payload);
        return (Convert.ToHexStringLower(personal), Convert.ToHexStringLower(payload));
    }

    [Test]
    public void Hashes_OfAFixedEvent_AreThePinnedValues()
    {
        var (personal, payload) = V2(Sample);
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(EventHash.Payload(Sample)), Is.EqualTo("731a1ec04eecb3c6f86ca4ecc01d86011cbb78c3cf6f8a5ae0c12f0c9421464e"), "payload v1");
            Assert.That(personal, Is.EqualTo("e080e0f7e0bc93fa1df3ae7031f1332cdaccbc27da89a6cab9919bdfe3822d52"), "personal hash");
            Assert.That(payload, Is.EqualTo("4f2e6c42053c57839252ce97d150f302f37faf7fec2f5e095ec68649533cdcd0"), "payload v2");
        });
    }

    [Test]
    public void PayloadV2_DependsOnThePersonalFieldsOnlyThroughThePersonalHash()
    {
        var purged = Sample with { StaffId = null, CustomerRef = null, PurposeText = null, BusinessRef = null, AuthorizationRef = null };
        var personal = Convert.FromHexString(V2(Sample).Personal);
        var kept = new byte[EventHash.Size];
        EventHash.PayloadV2(purged, personal, kept);
        Assert.Multiple(() =>
        {
            Assert.That(Convert.ToHexStringLower(kept), Is.EqualTo(V2(Sample).Payload), "a purged row recomputes from its kept fields");
            Assert.That(V2(Sample with { CustomerRef = "CIF-00002" }).Personal, Is.Not.EqualTo(V2(Sample).Personal));
            Assert.That(V2(Sample with { StaffBranch = "BR-002" }).Payload, Is.Not.EqualTo(V2(Sample).Payload));
            Assert.That(V2(Sample with { StaffBranch = "BR-002" }).Personal, Is.EqualTo(V2(Sample).Personal));
        });
    }
}
