using System.Text.Json;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Shared.Tests.Http;

internal sealed class JsonDefaultsTests
{
    private sealed record Payload(DateTimeOffset At, DateTimeOffset? Until, Role Role, int Count);

    private static Payload Read(string json) => JsonSerializer.Deserialize<Payload>(json, JsonDefaults.Options)!;

    private static string Body(string at = "2025-09-30T23:30:00+08:00", string until = "null", string role = "\"Auditor\"", string count = "5") =>
        $$"""{"at":"{{at}}","until":{{until}},"role":{{role}},"count":{{count}}}""";

    [TestCase("2025-09-30T23:30:00", TestName = "Read_InstantWithoutOffset_JsonException")]
    [TestCase("2025-09-30T23:30:00.1234567", TestName = "Read_InstantWithFractionWithoutOffset_JsonException")]
    [TestCase("2025-09-30", TestName = "Read_DateOnlyAsInstant_JsonException")]
    [TestCase("30/09/2025 23:30 +08:00", TestName = "Read_NonIsoInstant_JsonException")]
    public void Read_InstantRejected(string at) =>
        Assert.That(() => Read(Body(at: at)), Throws.InstanceOf<JsonException>());

    [Test]
    public void Read_NullableInstantWithoutOffset_JsonException() =>
        Assert.That(() => Read(Body(until: "\"2025-10-09T00:00:00\"")), Throws.InstanceOf<JsonException>());

    [Test]
    public void Read_InstantAsNumber_JsonException() =>
        Assert.That(() => Read("""{"at":1759246200,"until":null,"role":"Auditor","count":5}"""), Throws.InstanceOf<JsonException>());

    [TestCase("2025-09-30T15:30:00Z", 0, TestName = "Read_InstantWithZ_UtcOffset")]
    [TestCase("2025-09-30T23:30:00+08:00", 8, TestName = "Read_InstantWithPlusEight_OffsetKept")]
    [TestCase("2025-09-30T23:30:00.1234567+08:00", 8, TestName = "Read_InstantWithFraction_OffsetKept")]
    [TestCase("2025-09-30T10:30-05:00", -5, TestName = "Read_InstantWithoutSecondsNegativeOffset_OffsetKept")]
    public void Read_InstantAccepted(string at, int offsetHours)
    {
        var payload = Read(Body(at: at, until: $"\"{at}\""));

        Assert.That(payload.At, Is.EqualTo(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(payload.At.Offset, Is.EqualTo(TimeSpan.FromHours(offsetHours)));
        Assert.That(payload.Until, Is.EqualTo(payload.At));
    }

    [Test]
    public void Write_ThenRead_RoundTripsInstantsWithOffset()
    {
        var original = new Payload(
            new DateTimeOffset(2025, 9, 30, 23, 30, 0, TimeSpan.FromHours(8)).AddTicks(1234567), null, Role.ComplaintHandler, 42);

        var json = JsonSerializer.Serialize(original, JsonDefaults.Options);
        var back = Read(json);

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.That(root.GetProperty("at").GetString(), Is.EqualTo("2025-09-30T23:30:00.1234567+08:00"));
        Assert.That(root.GetProperty("until").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("role").GetString(), Is.EqualTo("ComplaintHandler"));
        Assert.That(back, Is.EqualTo(original));
        Assert.That(back.At.Offset, Is.EqualTo(original.At.Offset));
    }

    [TestCase("3", TestName = "Read_EnumAsInteger_JsonException")]
    [TestCase("\"3\"", TestName = "Read_EnumAsIntegerString_JsonException")]
    [TestCase("\"NoSuchRole\"", TestName = "Read_UnknownEnumName_JsonException")]
    public void Read_EnumRejected(string role) =>
        Assert.That(() => Read(Body(role: role)), Throws.InstanceOf<JsonException>());

    [TestCase("\"5\"", TestName = "Read_NumberAsString_JsonException")]
    [TestCase("5.5", TestName = "Read_FractionIntoInt_JsonException")]
    [TestCase("\"NaN\"", TestName = "Read_NamedFloatingLiteralIntoInt_JsonException")]
    public void Read_NumberRejected(string count) =>
        Assert.That(() => Read(Body(count: count)), Throws.InstanceOf<JsonException>());

    [Test]
    public void Read_UnknownMember_JsonException() =>
        Assert.That(() => Read(Body().TrimEnd('}') + ""","extra":1}"""), Throws.InstanceOf<JsonException>());

    [Test]
    public void Read_ValidBody_AllMembersBound()
    {
        var payload = Read(Body());

        Assert.That(payload.Role, Is.EqualTo(Role.Auditor));
        Assert.That(payload.Count, Is.EqualTo(5));
        Assert.That(payload.Until, Is.Null);
    }
}
