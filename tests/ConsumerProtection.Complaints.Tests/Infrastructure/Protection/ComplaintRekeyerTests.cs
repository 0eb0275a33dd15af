using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Modules.Complaints.Infrastructure.Protection;
using Microsoft.Extensions.DependencyInjection;

namespace ConsumerProtection.Complaints.Tests.Infrastructure.Protection;

/// <summary>
/// Rotation and upgrade: a new active key writes, old keys read, and the rekey run moves plaintext rows (from before
/// encryption) and old-key rows under the active key, in batches, resumably, with one audit row and no personal data.
/// </summary>
public sealed class ComplaintRekeyerTests
{
    private static readonly string K1 = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly string K2 = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());
    private static readonly string Blind = Convert.ToBase64String(Enumerable.Repeat((byte)3, 32).ToArray());

    private static Dictionary<string, string?> Keys(bool rotated) => rotated
        ? new() { ["Protection:Keys:k1"] = K1, ["Protection:Keys:k2"] = K2, ["Protection:ActiveKeyId"] = "k2", ["Protection:BlindIndexKey"] = Blind }
        : new() { ["Protection:Keys:k1"] = K1, ["Protection:BlindIndexKey"] = Blind };

    private static async Task<Guid> FileAsync(HttpClient client, string phone, string product = "CC-GOLD") =>
        (await ComplaintsApi.FileAsync(client, ComplaintsApi.Body(TimeProvider.System.GetUtcNow().AddHours(-1), b =>
        {
            b["productCode"] = product;
            b["consumer"] = new Dictionary<string, object?> { ["name"] = "王芳", ["phone"] = phone };
        }))).GetProperty("id").GetGuid();

    private static string? Column(ApiFactory factory, Guid id, string column)
    {
        using var db = factory.OpenFile("complaints");
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT {column} FROM complaint WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id.ToString());
        return cmd.ExecuteScalar() as string;
    }

    private static async Task<string?> NameAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/consumer")).GetProperty("name").GetString();

    [Test]
    public async Task Rotation_NewKeyWrites_OldKeyReads_RekeyMovesEverything_Resumably()
    {
        using var before = new ApiFactory(Keys(rotated: false));
        using var beforeAdmin = before.Admin();
        var old = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            old.Add(await FileAsync(beforeAdmin, $"+86 137 0000 000{i}", "CC-" + i));
        }

        using var after = new ApiFactory(Keys(rotated: true), dataDirectory: before.DataDirectory);
        using var admin = after.Admin();
        var fresh = await FileAsync(admin, "+86 137 0000 0009");
        var rekeyer = after.Services.GetRequiredService<ComplaintRekeyer>();
        var pending = await rekeyer.CountPendingAsync(CancellationToken.None);

        // Stopped after its first batch of one: that batch stays committed; a second run finishes the rest.
        using var stop = new CancellationTokenSource();
        Assert.That(async () => await rekeyer.RekeyAsync(1, _ => stop.Cancel(), stop.Token), Throws.InstanceOf<OperationCanceledException>());
        var afterStop = await rekeyer.CountPendingAsync(CancellationToken.None);
        var finished = await rekeyer.RekeyAsync(1, null, CancellationToken.None);
        var again = await rekeyer.RekeyAsync(100, null, CancellationToken.None);
        var names = new List<string?>();
        foreach (var id in old)
        {
            names.Add(await NameAsync(admin, id));
        }

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit/complaints/records?action=complaints.rekeyed");
        Assert.Multiple(() =>
        {
            Assert.That(Column(after, fresh, "consumer_name"), Does.StartWith("enc:v1:k2:"), "the new active key writes");
            Assert.That(Column(after, fresh, "consumer_key_id"), Is.EqualTo("k2"));
            Assert.That(pending, Is.EqualTo(3));
            Assert.That(afterStop, Is.EqualTo(2));
            Assert.That(finished.Rekeyed, Is.EqualTo(2));
            Assert.That(again.Total + again.Rekeyed + again.Failed, Is.Zero, "a finished rekey finds nothing to do");
            Assert.That(old.Select(id => Column(after, id, "consumer_name")), Has.All.StartWith("enc:v1:k2:"));
            Assert.That(old.Select(id => Column(after, id, "consumer_phone")), Has.All.StartWith("enc:v1:k2:"));
            Assert.That(old.Select(id => Column(after, id, "consumer_key_id")), Has.All.EqualTo("k2"));
            Assert.That(names, Has.All.EqualTo("王芳"));
            Assert.That(audit.GetProperty("items").GetArrayLength(), Is.EqualTo(3), "each run is audited, the stopped one too");
            Assert.That(audit.GetRawText(), Does.Not.Contain("王芳").And.Not.Contain("enc:v1"));
        });
    }

    [Test]
    public async Task Rekey_PlaintextRowsFromBeforeEncryption_AreSealedAndFoundAgainAsRepeats()
    {
        using var factory = new ApiFactory(Keys(rotated: false));
        using var admin = factory.Admin();
        var legacy = await FileAsync(admin, "+86 136 0000 1111");
        // What migration 0008 leaves of a complaint filed before it: plaintext values, no key id, no blind index.
        using (var db = factory.OpenFile("complaints"))
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = """
                UPDATE complaint SET consumer_name = '王芳', consumer_phone = '+8613600001111', consumer_key_id = NULL, consumer_phone_bidx = NULL
                WHERE id = $id
                """;
            cmd.Parameters.AddWithValue("$id", legacy.ToString());
            cmd.ExecuteNonQuery();
        }

        var rekeyer = factory.Services.GetRequiredService<ComplaintRekeyer>();
        var readBefore = await NameAsync(admin, legacy);
        var pending = await rekeyer.CountPendingAsync(CancellationToken.None);
        var run = await rekeyer.RekeyAsync(500, null, CancellationToken.None);
        var repeat = await ComplaintsApi.FileAsync(admin, ComplaintsApi.Body(TimeProvider.System.GetUtcNow().AddMinutes(-5), b =>
            b["consumer"] = new Dictionary<string, object?> { ["name"] = "王芳", ["phone"] = "+86 136-0000-1111" }));
        Assert.Multiple(async () =>
        {
            Assert.That(readBefore, Is.EqualTo("王芳"), "plaintext rows read until they are rekeyed");
            Assert.That(pending, Is.EqualTo(1));
            Assert.That(run.Rekeyed, Is.EqualTo(1));
            Assert.That(Column(factory, legacy, "consumer_name"), Does.StartWith("enc:v1:k1:"));
            Assert.That(Column(factory, legacy, "consumer_phone_bidx"), Is.Not.Null);
            Assert.That(await NameAsync(admin, legacy), Is.EqualTo("王芳"));
            Assert.That(repeat.GetProperty("repeatOfId").GetGuid(), Is.EqualTo(legacy));
        });
    }

    [Test]
    public async Task Rekey_RowThatDoesNotDecrypt_IsCountedAndLeft_TheRestMoves()
    {
        using var before = new ApiFactory(Keys(rotated: false));
        using var beforeAdmin = before.Admin();
        var good = await FileAsync(beforeAdmin, "+86 135 0000 0001", "CC-1");
        var bad = await FileAsync(beforeAdmin, "+86 135 0000 0002", "CC-2");
        using (var db = before.OpenFile("complaints"))
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = "UPDATE complaint SET consumer_name = (SELECT consumer_name FROM complaint WHERE id = $good) WHERE id = $bad";
            cmd.Parameters.AddWithValue("$good", good.ToString());
            cmd.Parameters.AddWithValue("$bad", bad.ToString());
            cmd.ExecuteNonQuery();
        }

        using var after = new ApiFactory(Keys(rotated: true), dataDirectory: before.DataDirectory);
        var run = await after.Services.GetRequiredService<ComplaintRekeyer>().RekeyAsync(10, null, CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(run.Rekeyed, Is.EqualTo(1));
            Assert.That(run.Failed, Is.EqualTo(1));
            Assert.That(Column(after, good, "consumer_key_id"), Is.EqualTo("k2"));
            Assert.That(Column(after, bad, "consumer_key_id"), Is.EqualTo("k1"), "left as it was, for an operator to look at");
        });
    }
}
