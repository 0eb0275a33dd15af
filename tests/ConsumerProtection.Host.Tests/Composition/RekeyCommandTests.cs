using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ConsumerProtection.Host.Composition;
using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace ConsumerProtection.Host.Tests.Composition;

/// <summary>The <c>rekey</c> verb as an operator runs it: a new key in the key file, every complaint moved, progress printed.</summary>
[NonParallelizable]
public sealed class RekeyCommandTests
{
    private static async Task FileAsync(HttpClient admin, int i)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/complaints", new Dictionary<string, object?>
        {
            ["receivedAt"] = TimeProvider.System.GetUtcNow().AddHours(-1), ["intakeChannel"] = "Counter", ["branchId"] = "SH001",
            ["consumer"] = new Dictionary<string, object?> { ["name"] = "王芳", ["phone"] = $"+86 138 0000 100{i}" },
            ["businessChannel"] = "A1", ["businessType"] = "B032", ["reason"] = "C11", ["productCode"] = "CC-" + i, ["productName"] = "金卡", ["description"] = "年费未告知",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private static async Task<(int Code, string Output)> RunAsync(string dataDirectory, params string[] args)
    {
        var builder = WebApplication.CreateBuilder(["--Storage:DataDirectory", dataDirectory, "--BackgroundJobs:Enabled", "false",
            "--Logging:LogLevel:Default", "Error"]);
        builder.AddConsumerProtection(HostModules.All());
        await using var app = builder.Build();
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            return (await RekeyCommand.RunAsync(app, ["rekey", .. args]), output.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    private static string ActiveKeyId(string dataDirectory) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(dataDirectory, "keys", "personal-data-keys.json"))).RootElement.GetProperty("activeKeyId").GetString()!;

    private static List<string> KeyIds(ApiFactory factory)
    {
        using var db = factory.OpenFile("complaints");
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT consumer_key_id FROM complaint";
        using var reader = cmd.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    [Test]
    public async Task Rekey_NewKey_RotatesTheKeyFile_MovesEveryComplaint_ThenFindsNothing()
    {
        using var factory = new ApiFactory();
        using var admin = factory.Admin();
        for (var i = 0; i < 3; i++)
        {
            await FileAsync(admin, i);
        }

        var before = ActiveKeyId(factory.DataDirectory);
        var (code, output) = await RunAsync(factory.DataDirectory, "--new-key", "--batch", "2");
        var after = ActiveKeyId(factory.DataDirectory);
        var (againCode, again) = await RunAsync(factory.DataDirectory);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output);
            Assert.That(after, Is.Not.EqualTo(before));
            Assert.That(output, Does.Contain($"key {after} added to"));
            Assert.That(output, Does.Contain("complaints: done. complaints: 3/3 records rekeyed, 0 failed"));
            Assert.That(output, Does.Not.Contain("王芳"));
            Assert.That(KeyIds(factory), Has.Count.EqualTo(3).And.All.EqualTo(after));
            Assert.That(againCode, Is.Zero, again);
            Assert.That(again, Does.Contain("complaints: done. complaints: 0/0 records rekeyed"));
        });
    }

    [Test]
    public async Task Rekey_BadOption_AnswersUsage()
    {
        using var factory = new ApiFactory();
        var (code, _) = await RunAsync(factory.DataDirectory, "--batch", "0");
        Assert.That(code, Is.EqualTo(2));
    }
}
