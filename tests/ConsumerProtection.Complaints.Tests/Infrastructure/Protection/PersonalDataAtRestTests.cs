using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ConsumerProtection.Complaints.Tests.Infrastructure.Protection;

/// <summary>The consumer's details are sealed in the files on disk, yet intake, reads, repeats and exports work as before.</summary>
internal sealed class PersonalDataAtRestTests : ClockedApiTest
{
    private const string Name = "李明";
    private const string Email = "Li.Ming@Example.com";
    private const string IdNumber = "11010519491231002x";
    private const string Note = "听力不佳，需大声沟通";

    private async Task<Guid> FileAsync(string phone = "+86 139 0000 2222", string product = "CC-GOLD") =>
        (await ComplaintsApi.FileAsync(Admin, ComplaintsApi.Body(Received, b =>
        {
            b["productCode"] = product;
            b["consumer"] = new Dictionary<string, object?>
            {
                ["name"] = Name, ["phone"] = phone, ["email"] = Email, ["idType"] = "ResidentId", ["idNumber"] = IdNumber,
            };
            b["vulnerable"] = new Dictionary<string, object?> { ["elderly"] = true, ["note"] = Note };
        }))).GetProperty("id").GetGuid();

    private void Execute(string sql, Guid id, Guid? other = null)
    {
        using var db = Factory.OpenFile("complaints");
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$id", id.ToString());
        cmd.Parameters.AddWithValue("$other", (other ?? id).ToString());
        cmd.ExecuteNonQuery();
    }

    private string? Column(Guid id, string column)
    {
        using var db = Factory.OpenFile("complaints");
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT {column} FROM complaint WHERE id = $id";
        cmd.Parameters.AddWithValue("$id", id.ToString());
        return cmd.ExecuteScalar() as string;
    }

    [Test]
    public async Task File_RawDataFiles_HoldNoPlaintextPersonalData_WhileTheApiShowsIt()
    {
        // With an Idempotency-Key, so the kept replay copy of the answer (it shows the note) is on disk too.
        var body = ComplaintsApi.Body(Received, b =>
        {
            b["consumer"] = new Dictionary<string, object?>
            {
                ["name"] = Name, ["phone"] = "+86 139 0000 2222", ["email"] = Email, ["idType"] = "ResidentId", ["idNumber"] = IdNumber,
            };
            b["vulnerable"] = new Dictionary<string, object?> { ["elderly"] = true, ["note"] = Note };
        });
        async Task<string> PostAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "at-rest-1");
            using var response = await Admin.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }

        var created = await PostAsync();
        var replayed = await PostAsync();
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetGuid();
        var consumer = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/consumer");
        var view = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}");

        // Every file of the data folder (databases with their -wal and -shm), but the key folder.
        var bytes = Directory.EnumerateFiles(Factory.DataDirectory, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetFileName(f), Bytes: ReadShared(f))).ToList();
        string[] secrets = [Name, "13900002222", "li.ming@example.com", Email, "11010519491231002X", IdNumber, Note];
        Assert.Multiple(() =>
        {
            Assert.That(bytes.Select(b => b.File), Does.Contain("complaints.db"));
            foreach (var secret in secrets)
            {
                var needle = Encoding.UTF8.GetBytes(secret);
                Assert.That(bytes.Where(b => b.Bytes.AsSpan().IndexOf(needle) >= 0).Select(b => b.File), Is.Empty, secret);
            }

            Assert.That(replayed, Is.EqualTo(created), "the replay copy opens to the first answer");
            Assert.That(consumer.GetProperty("name").GetString(), Is.EqualTo(Name));
            Assert.That(consumer.GetProperty("phone").GetString(), Is.EqualTo("+8613900002222"));
            Assert.That(consumer.GetProperty("email").GetString(), Is.EqualTo("li.ming@example.com"));
            Assert.That(consumer.GetProperty("idNumber").GetString(), Is.EqualTo("11010519491231002X"));
            Assert.That(view.GetProperty("vulnerable").GetProperty("note").GetString(), Is.EqualTo(Note));
            Assert.That(Column(id, "consumer_name"), Does.StartWith("enc:v1:"));
            Assert.That(Column(id, "vulnerable_note"), Does.StartWith("enc:v1:"));
            Assert.That(Column(id, "consumer_email_bidx"), Does.Match("^[0-9a-f]{32}$"));
        });
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [TestCase("email", "li.ming@EXAMPLE.com ")]
    [TestCase("idNumber", " 11010519491231002X")]
    [TestCase("phone", "+86-139-0000-2222")]
    public async Task File_SameIdentifierWrittenDifferently_IsLinkedAsARepeat(string field, string value)
    {
        // The first filing carries all three identifiers; the second matches it on the one under test only.
        var product = "CC-" + field.ToUpperInvariant();
        var first = await FileAsync(product: product);
        var consumer = new Dictionary<string, object?> { ["name"] = "另一人", ["phone"] = "+86 139 9999 0000" };
        consumer[field] = value;
        if (field == "idNumber")
        {
            consumer["idType"] = "ResidentId";
        }

        var body = ComplaintsApi.Body(Received.AddMinutes(1), b => { b["productCode"] = product; b["consumer"] = consumer; });
        var repeat = await ComplaintsApi.FileAsync(Admin, body);
        Assert.That(repeat.GetProperty("repeatOfId").GetGuid(), Is.EqualTo(first));
    }

    [Test]
    public async Task Consumer_EnvelopeCopiedFromAnotherRow_Answers500WithoutTheValue_OtherRowStillReads()
    {
        var a = await FileAsync(product: "CC-A");
        var b = await FileAsync(product: "CC-B");
        Execute("UPDATE complaint SET consumer_name = (SELECT consumer_name FROM complaint WHERE id = $other) WHERE id = $id", b, a);

        using var swapped = await Admin.GetAsync($"/api/v1/complaints/{b}/consumer");
        var text = await swapped.Content.ReadAsStringAsync();
        var intact = await Admin.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{a}/consumer");
        Assert.Multiple(() =>
        {
            Assert.That((int)swapped.StatusCode, Is.EqualTo(500), text);
            Assert.That(text, Does.Not.Contain("enc:v1").And.Not.Contain(Name));
            Assert.That(text, Does.Contain("cannot be decrypted"), "the problem says what is wrong");
            Assert.That(intact.GetProperty("name").GetString(), Is.EqualTo(Name));
        });
    }

    [Test]
    public async Task Consumer_PlaintextWrittenIntoASealedRow_IsRefused()
    {
        var id = await FileAsync();
        Execute("UPDATE complaint SET consumer_name = '冒名者' WHERE id = $id", id);
        using var response = await Admin.GetAsync($"/api/v1/complaints/{id}/consumer");
        Assert.That((int)response.StatusCode, Is.EqualTo(500), "a sealed row holds envelopes only");
    }

    [Test]
    public async Task Transition_DoesNotRewriteTheSealedColumns()
    {
        var id = await FileAsync();
        var before = Column(id, "consumer_name");
        using var assigned = await ComplaintsApi.ActAsync(Admin, id, "assign", 1, new { departmentId = "CPD", handlerId = await ComplaintsApi.CallerIdAsync(Admin) });
        Assert.Multiple(() =>
        {
            Assert.That((int)assigned.StatusCode, Is.EqualTo(200));
            Assert.That(Column(id, "consumer_name"), Is.EqualTo(before));
        });
    }
}
