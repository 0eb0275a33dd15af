using System.Text.Json;
using System.Text.Json.Nodes;
using ConsumerProtection.Host.Tests.Infrastructure;
using ConsumerProtection.Shared.Security;

namespace ConsumerProtection.Host.Tests.Http;

/// <summary>
/// Walks every enum-typed member of every JSON request body and every enum-typed query parameter in the OpenAPI
/// document, and sends a comma-joined pair of defined names, a number and an unknown name. Each must answer 400
/// naming that member, and nothing may be stored. A member whose converter accepted the value would get past the
/// JSON reader, so the error (if any) would name other fields instead.
/// </summary>
public sealed class StrictEnumWalkTests
{
    private ApiFactory _factory = null!;
    private JsonElement _doc;

    [OneTimeSetUp]
    public async Task Start()
    {
        _factory = new ApiFactory();
        using var client = _factory.CreateClient();
        _doc = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.Clone();
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private sealed record Probe(string Method, string Path, string Field, JsonNode Body);

    // Follows $ref, and the non-null branch of a nullable "oneOf: [null, X]".
    private JsonElement Resolve(JsonElement schema)
    {
        while (true)
        {
            if (schema.TryGetProperty("$ref", out var r))
            {
                schema = _doc.GetProperty("components").GetProperty("schemas").GetProperty(r.GetString()!.Split('/')[^1]);
            }
            else if ((schema.TryGetProperty("oneOf", out var any) || schema.TryGetProperty("anyOf", out any))
                     && any.EnumerateArray().Where(x => !(x.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")).ToList() is [var only])
            {
                schema = only;
            }
            else
            {
                return schema;
            }
        }
    }

    private List<string> EnumNames(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.TryGetProperty("enum", out var e)
            ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
    }

    // Every enum-typed member path below a schema: (JSON path for the error key, a function building a body with the value there).
    private IEnumerable<(string Field, List<string> Names, Func<JsonNode, JsonNode> Wrap)> Members(JsonElement schema, string prefix, int depth)
    {
        schema = Resolve(schema);
        if (depth > 4 || !schema.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var p in properties.EnumerateObject())
        {
            var field = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
            var name = p.Name;
            var value = Resolve(p.Value);
            if (EnumNames(value) is { Count: > 0 } names)
            {
                yield return (field, names, v => new JsonObject { [name] = v });
            }
            else if (value.TryGetProperty("items", out var items) && EnumNames(items) is { Count: > 0 } itemNames)
            {
                yield return (field + "[0]", itemNames, v => new JsonObject { [name] = new JsonArray(v) });
            }
            else if (value.TryGetProperty("items", out var objectItems))
            {
                foreach (var inner in Members(objectItems, field + "[0]", depth + 1))
                {
                    var wrap = inner.Wrap;
                    yield return (inner.Field, inner.Names, v => new JsonObject { [name] = new JsonArray(wrap(v)) });
                }
            }
            else
            {
                foreach (var inner in Members(value, field, depth + 1))
                {
                    var wrap = inner.Wrap;
                    yield return (inner.Field, inner.Names, v => new JsonObject { [name] = wrap(v) });
                }
            }
        }
    }

    private static IEnumerable<JsonNode> BadValues(List<string> names) =>
    [
        JsonValue.Create(names.Count > 1 ? names[0] + "," + names[1] : names[0] + "," + names[0])!,
        JsonValue.Create(1)!,
        JsonValue.Create("NoSuchName")!,
        JsonValue.Create(names[0].ToLowerInvariant() == names[0] ? names[0].ToUpperInvariant() : names[0].ToLowerInvariant())!,
    ];

    private static string Concrete(string path) => string.Join('/', path.Split('/').Select(s => s switch
    {
        "{id}" => Guid.NewGuid().ToString(),
        "{year}" => "2026",
        "{month}" => "2026-01",
        "{schema}" => "kernel",
        _ when s.StartsWith('{') => "X1",
        _ => s,
    }));

    private async Task<long> StoredRowsAsync()
    {
        long rows = 0;
        foreach (var file in Directory.GetFiles(_factory.DataDirectory, "*.db"))
        {
            using var connection = _factory.OpenFile(Path.GetFileNameWithoutExtension(file));
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            var names = new List<string>();
            using (var reader = tables.ExecuteReader())
            {
                while (reader.Read())
                {
                    names.Add(reader.GetString(0));
                }
            }

            foreach (var table in names)
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
                rows += (long)count.ExecuteScalar()!;
            }
        }

        return rows;
    }

    [Test]
    public async Task EveryEnumMember_OfEveryRequestBody_RefusesCombinationsNumbersAndUnknownNames()
    {
        // One caller holding every role, so that no role check answers before the body is read.
        using var client = _factory.WithKey((await _factory.CreateKeyAsync(Roles.All, branch: "B001", department: "D1")).Secret);
        var before = await StoredRowsAsync();
        var probed = 0;
        var fields = new HashSet<string>();
        foreach (var path in _doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                if (!op.Value.TryGetProperty("requestBody", out var body)
                    || !body.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    continue;
                }

                foreach (var (field, names, wrap) in Members(json.GetProperty("schema"), "", 0))
                {
                    foreach (var bad in BadValues(names))
                    {
                        var request = new HttpRequestMessage(new HttpMethod(op.Name.ToUpperInvariant()), Concrete(path.Name))
                        {
                            Content = HttpAssert.Json(wrap(bad.DeepClone()).ToJsonString()),
                        };
                        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                        using var response = await client.SendAsync(request);
                        var text = await response.Content.ReadAsStringAsync();
                        Assert.That((int)response.StatusCode, Is.EqualTo(400), $"{op.Name} {path.Name} {field}={bad.ToJsonString()}: {text}");
                        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors");
                        Assert.That(errors.TryGetProperty(field, out var messages), Is.True, $"{op.Name} {path.Name} {field}={bad.ToJsonString()}: {text}");
                        Assert.That(messages[0].GetString(), Does.Contain(names[0]), "the allowed names are listed");
                        probed++;
                    }

                    fields.Add($"{path.Name} {field}");
                }
            }
        }

        Assert.That(fields, Has.Some.Contains("roles[0]").And.Some.Contains("intakeChannel"), "the walk reaches the known enum members: " + string.Join("; ", fields));
        Assert.That(probed, Is.GreaterThanOrEqualTo(24), string.Join("; ", fields));
        TestContext.Out.WriteLine($"{probed} probes over {fields.Count} enum members: {string.Join("; ", fields)}");
        Assert.That(await StoredRowsAsync(), Is.EqualTo(before), "nothing was stored");
    }

    [Test]
    public async Task EveryEnumQueryParameter_RefusesCombinationsNumbersAndUnknownNames()
    {
        using var admin = _factory.Admin();
        var probed = 0;
        foreach (var path in _doc.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var op) || !op.TryGetProperty("parameters", out var parameters))
            {
                continue;
            }

            foreach (var parameter in parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query"))
            {
                if (EnumNames(parameter.GetProperty("schema")) is not { Count: > 0 } names)
                {
                    continue;
                }

                var name = parameter.GetProperty("name").GetString()!;
                foreach (var bad in new[] { names[0] + "," + names[^1], "1", "NoSuchName" })
                {
                    using var response = await admin.GetAsync($"{Concrete(path.Name)}?{name}={Uri.EscapeDataString(bad)}");
                    var body = await HttpAssert.Problem(response, 400);
                    Assert.That(body.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.EqualTo(name).IgnoreCase, $"{path.Name}?{name}={bad}");
                    probed++;
                }
            }
        }

        Assert.That(probed, Is.GreaterThanOrEqualTo(15));
    }
}
