using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;

namespace ConsumerProtection.Host.Tests.Http;

/// <summary>
/// The OpenAPI document explains itself: every enum says what each of its members means (x-enumDescriptions and the
/// description), and the main request bodies carry an example.
/// </summary>
public sealed class OpenApiDocumentTests
{
    private JsonElement _document;

    [OneTimeSetUp]
    public async Task ReadDocument()
    {
        using var factory = new ApiFactory();
        using var client = factory.CreateClient();
        _document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }
    [TestCase("/api/v1/complaints", "FileComplaintRequest")]
    [TestCase("/api/v1/complaints/{id}/assign", "AssignRequest")]
    [TestCase("/api/v1/complaints/{id}/respond", "RespondRequest")]
    [TestCase("/api/v1/complaints/{id}/close", "CloseRequest")]
    [TestCase("/api/v1/pi-access/events", "EventRequest")]
    [TestCase("/api/v1/disclosure/products", "CreateProductRequest")]
    [TestCase("/api/v1/disclosure/reviews/{id}/decision", "DecisionRequest")]
    [TestCase("/api/v1/training/staff", "StaffRequest")]
    [TestCase("/api/v1/training/sessions/{id}/attendance", "AttendanceRequest")]
    public void MainRequestBodies_CarryAnExample(string path, string schemaHint)
    {
        var document = _document;
        var paths = document.GetProperty("paths");
        var operations = paths.TryGetProperty(path, out var exact) ? exact : paths.GetProperty(path + "/");
        var schema = operations.GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            Assert.That(name, Does.Contain(schemaHint.Replace("Request", "", StringComparison.Ordinal)), "the body's schema");
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        // OpenAPI 3.1 schemas carry JSON Schema's "examples" array.
        Assert.That(schema.TryGetProperty("examples", out var examples) && examples.GetArrayLength() == 1, Is.True, path);
        var example = examples[0];
        Assert.That(example.ValueKind, Is.EqualTo(JsonValueKind.Object), path);
        foreach (var property in example.EnumerateObject())
        {
            Assert.That(schema.GetProperty("properties").TryGetProperty(property.Name, out _), Is.True, $"{path}: example field {property.Name} is a property of the body");
        }
    }

    [Test]
    public void EveryEnumSchema_DescribesEveryMember()
    {
        var enums = new List<(string Path, JsonElement Schema)>();
        Walk(_document, "#", enums);

        Assert.That(enums, Has.Count.GreaterThan(20), "the walk finds the document's enums");
        Assert.Multiple(() =>
        {
            foreach (var (path, schema) in enums)
            {
                var members = schema.GetProperty("enum").EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList();
                if (!schema.TryGetProperty("x-enumDescriptions", out var descriptions))
                {
                    Assert.Fail($"{path} ({string.Join(", ", members)}) has no x-enumDescriptions");
                    continue;
                }

                // In the order of "enum", as NJsonSchema/NSwag read it.
                Assert.That(descriptions.ValueKind == JsonValueKind.Array && descriptions.GetArrayLength() == members.Count, Is.True, $"{path}: one text per member");
                for (var i = 0; i < members.Count && i < descriptions.GetArrayLength(); i++)
                {
                    Assert.That(descriptions[i].GetString()!.Trim().Length, Is.GreaterThan(3), $"{path}: {members[i]}");
                }

                foreach (var member in members)
                {
                    Assert.That(schema.GetProperty("description").GetString(), Does.Contain($"`{member}`: "), $"{path}: {member} in the description");
                }
            }
        });
    }

    private static void Walk(JsonElement node, string path, List<(string, JsonElement)> found)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                found.Add((path, node));
            }

            foreach (var property in node.EnumerateObject())
            {
                Walk(property.Value, path + "/" + property.Name, found);
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                Walk(item, $"{path}/{i++}", found);
            }
        }
    }
}
