using System.Text.Json;
using ConsumerProtection.Shared.Http;
using ConsumerProtection.Shared.Security;
using Microsoft.Extensions.Configuration;

namespace ConsumerProtection.Shared.Tests.Http;

public sealed class StrictEnumTests
{
    [TestCase("ComplaintSupervisor,Regulator")]
    [TestCase("ComplaintHandler, Auditor")]
    [TestCase("10")]
    [TestCase("-1")]
    [TestCase("admin")]
    [TestCase(" Admin")]
    [TestCase("")]
    [TestCase(null)]
    public void TryParse_NotExactlyOneDefinedName_False(string? value)
    {
        Assert.Multiple(() =>
        {
            Assert.That(StrictEnum.TryParse<Role>(value, out _), Is.False);
            Assert.That(Roles.TryParse(value, out _), Is.False);
            Assert.That(StrictEnum.TryParse(typeof(Role), value, out _), Is.False);
        });
    }

    [Test]
    public void TryParse_EveryDefinedName_True()
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            Assert.That(StrictEnum.TryParse<Role>(role.ToString(), out var parsed) && parsed == role, Is.True, role.ToString());
        }
    }

    [Test]
    public void FromClaimValue_SplitsCommaJoinedNames_NeverCombines()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Roles.FromClaimValue("ComplaintSupervisor,Regulator"), Is.EquivalentTo(new[] { Role.ComplaintSupervisor, Role.Regulator }));
            Assert.That(Roles.FromClaimValue("Teller, NotARole ,10"), Is.EquivalentTo(new[] { Role.Teller }));
            Assert.That(Roles.FromClaimValue("ComplaintSupervisor,Regulator"), Does.Not.Contain(Role.Admin));
        });
    }

    [Test]
    public void Name_UndefinedCombination_Throws_IsDefinedFalse()
    {
        var combined = (Role)((int)Role.ComplaintSupervisor | (int)Role.Regulator);
        Assert.Multiple(() =>
        {
            Assert.That(StrictEnum.IsDefined((Role)99), Is.False);
            Assert.That(StrictEnum.Name(combined), Is.EqualTo("Admin"), "2|8 is Admin's value: why combinations must never be formed");
            Assert.That(() => StrictEnum.Name((Role)99), Throws.TypeOf<ArgumentOutOfRangeException>());
        });
    }

    [Test]
    public void FromStored_UndefinedValue_NamesTheField()
    {
        var e = Assert.Throws<StoredValueException>(() => StrictEnum.FromStored<Role>("10", "roles"));
        Assert.That(e!.Field, Is.EqualTo("roles"));
        Assert.That(StrictEnum.FromStoredOrNull<Role>(null, "roles"), Is.Null);
    }

    private sealed record Body(Role Role, Role? Maybe, List<Role>? Many, string? Text);

    [TestCase("{\"role\":\"Teller,Admin\"}")]
    [TestCase("{\"role\":3}")]
    [TestCase("{\"role\":\"3\"}")]
    [TestCase("{\"role\":\"teller\"}")]
    [TestCase("{\"role\":\"Teller\",\"maybe\":\"Admin,Teller\"}")]
    [TestCase("{\"role\":\"Teller\",\"many\":[\"Teller\",\"Regulator,ComplaintSupervisor\"]}")]
    [TestCase("{\"role\":\"Teller\",\"role\":\"Admin\"}")]
    [TestCase("{\"role\":\"Teller\",\"text\":\"a\\u0000b\"}")]
    [TestCase("{\"role\":\"Teller\",\"text\":\"a\\u001bb\"}")]
    public void Json_NotExactlyOneName_DuplicateOrControlCharacter_Throws(string json) =>
        Assert.That(() => JsonSerializer.Deserialize<Body>(json, JsonDefaults.Options), Throws.InstanceOf<JsonException>());

    [Test]
    public void Json_ExactNames_TabsAndLineBreaks_RoundTrip()
    {
        var body = JsonSerializer.Deserialize<Body>("{\"role\":\"Admin\",\"maybe\":null,\"many\":[\"Teller\"],\"text\":\"a\\tb\\r\\nc\"}", JsonDefaults.Options)!;
        Assert.Multiple(() =>
        {
            Assert.That(body.Role, Is.EqualTo(Role.Admin));
            Assert.That(body.Many, Is.EqualTo(new[] { Role.Teller }));
            Assert.That(body.Text, Is.EqualTo("a\tb\r\nc"));
            Assert.That(JsonSerializer.Serialize(body, JsonDefaults.Options), Does.Contain("\"role\":\"Admin\""));
        });
    }
}

public sealed class StrictConfigurationTests
{
    [TestCase("Sqlite,SqlServer")]
    [TestCase("1")]
    [TestCase("sqlite")]
    public void StorageProvider_NotExactlyOneName_RefusesToStart(string provider)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = provider, ["Storage:DataDirectory"] = Path.GetTempPath() })
            .Build();
        var e = Assert.Throws<InvalidOperationException>(() => ConsumerProtection.Shared.SharedKernel.ReadStorage(configuration));
        Assert.That(e!.Message, Does.Contain("Storage:Provider").And.Contain("Sqlite, SqlServer"));
    }
}
