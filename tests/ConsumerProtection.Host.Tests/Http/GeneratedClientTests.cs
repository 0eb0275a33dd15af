using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using ConsumerProtection.Host.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;

namespace ConsumerProtection.Host.Tests.Http;

/// <summary>
/// The contract as an integrator meets it: a C# client is generated with NSwag from the live <c>/openapi/v1.json</c>,
/// compiled, and drives a smoke scenario — file a complaint, read it, act on it, read the statistics. A schema a
/// generator cannot read, an operation it cannot call or a body it cannot (de)serialise fails here.
/// </summary>
[NonParallelizable]
public sealed class GeneratedClientTests
{
    private ApiFactory _api = null!;
    private string _document = "";
    private Assembly _client = null!;

    [OneTimeSetUp]
    public async Task Generate()
    {
        _api = new ApiFactory();
        using var http = _api.CreateClient();
        _document = await http.GetStringAsync("/openapi/v1.json");
        var document = await OpenApiDocument.FromJsonAsync(_document);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "CpClient",
            OperationNameGenerator = new SingleClientFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
        };
        settings.CSharpGeneratorSettings.Namespace = "Generated";
        settings.CSharpGeneratorSettings.JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson;
        var code = new CSharpClientGenerator(document, settings).GenerateFile();
        await File.WriteAllTextAsync(Path.Combine(Path.GetTempPath(), "cp-generated-client.cs"), code);
        _client = Compile(code);
    }

    [OneTimeTearDown]
    public void TearDown() => _api.Dispose();

    [Test]
    public async Task GeneratedClient_FilesReadsActsAndReadsStatistics()
    {
        using var http = _api.CreateDefaultClient(new ETagHandler());
        http.DefaultRequestHeaders.Add("X-Api-Key", _api.AdminKey);
        var client = Activator.CreateInstance(_client.GetType("Generated.CpClient")!, http)!;

        var filed = await CallAsync(client, "FileComplaintAsync", new() { ["body"] = Operations.Cli.Complaint() });
        var id = (Guid)Prop(filed, "Id")!;
        Assert.That(Prop(filed, "Reference") as string, Does.StartWith("CP-"));

        var read = await CallAsync(client, "GetComplaintAsync", new() { ["id"] = id });
        Assert.That(Prop(read, "Status")?.ToString(), Is.EqualTo("Received"));

        var handler = "key:" + (await _api.CreateKeyAsync([ConsumerProtection.Shared.Security.Role.ComplaintHandler], department: "retail", name: "handler")).Id;
        var assigned = await CallAsync(client, "AssignComplaintAsync", new()
        {
            ["id"] = id, ["body"] = new Dictionary<string, object?> { ["departmentId"] = "retail", ["handlerId"] = handler },
        });
        Assert.That(Prop(assigned, "Status")?.ToString(), Is.EqualTo("Assigned"));

        var month = DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var statistics = await CallAsync(client, "GetMonthlyStatisticsAsync", new() { ["month"] = month });
        Assert.That(statistics, Is.Not.Null);
        Assert.That(JsonSerializer.Serialize(statistics), Does.Contain(month));
    }

    [Test]
    public void Document_SchemaNames_AreFlatAndMeaningful()
    {
        var names = Schemas().EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(names, Does.Contain("CreateApiKeyRequest").And.Contain("AssignComplaintRequest").And.Contain("PageOfComplaintSummary")
            .And.Contain("IngestBatchResult").And.Contain("FileComplaintRequest"));
        Assert.That(names.Where(n => n.Contains("Endpoints", StringComparison.Ordinal) || n.StartsWith("ChangeComplaint", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Document_Required_SaysWhatTheApiAccepts()
    {
        var intake = Schemas().GetProperty("FileComplaintRequest");
        var required = intake.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToList() : [];
        // The API accepts these missing (they are optional, or the handler answers 400 naming them): none is required.
        Assert.That(required, Does.Not.Contain("regulatorCaseId").And.Not.Contain("recordings").And.Not.Contain("relatedComplaintId"));
        var view = Schemas().GetProperty("ComplaintView").GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.That(view, Does.Contain("id").And.Contain("reference").And.Not.Contain("regulatorCaseId"), "an answer always carries its non-nullable members");
    }

    [Test]
    public void Document_MoneyIsDecimal_AndTheClassificationAxesAreDescribed()
    {
        var amount = Schemas().GetProperty("Money").GetProperty("properties").GetProperty("amount");
        Assert.That(amount.GetProperty("format").GetString(), Is.EqualTo("decimal"));
        Assert.That(_client.GetType("Generated.Money")!.GetProperty("Amount")!.PropertyType, Is.EqualTo(typeof(decimal)));
        var intake = Schemas().GetProperty("FileComplaintRequest").GetProperty("properties");
        foreach (var (member, axis) in new[] { ("businessChannel", "axis A"), ("businessType", "axis B"), ("reason", "axis C") })
        {
            Assert.That(intake.GetProperty(member).ToString(), Does.Contain("JR/T 0169 " + axis), member);
        }
    }

    private JsonElement Schemas() => JsonDocument.Parse(_document).RootElement.GetProperty("components").GetProperty("schemas");

    // Calls a generated operation by name, binding arguments by parameter name; a body given as a dictionary is
    // turned into the generated request type through JSON, as an integrator's data would be.
    private static async Task<object?> CallAsync(object client, string operation, Dictionary<string, object?> args)
    {
        var method = client.GetType().GetMethods()
            .Where(m => m.Name == operation && m.GetParameters().All(p => p.ParameterType != typeof(CancellationToken)))
            .OrderByDescending(m => m.GetParameters().Length).FirstOrDefault();
        Assert.That(method, Is.Not.Null, $"the generated client has no {operation}");
        var values = method!.GetParameters().Select(p =>
        {
            var given = args.FirstOrDefault(a => string.Equals(a.Key, p.Name, StringComparison.OrdinalIgnoreCase)).Value;
            return given is Dictionary<string, object?> body
                ? JsonSerializer.Deserialize(JsonSerializer.Serialize(body), p.ParameterType, new JsonSerializerOptions(JsonSerializerDefaults.Web))
                : given ?? (p.HasDefaultValue ? p.DefaultValue : null);
        }).ToArray();
        var task = (Task)method.Invoke(client, values)!;
        await task;
        return task.GetType().GetProperty("Result")?.GetValue(task);
    }

    private static object? Prop(object? value, string name) => value?.GetType().GetProperty(name)?.GetValue(value);

    private static Assembly Compile(string code)
    {
        var references = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && !string.IsNullOrEmpty(a.Location))
            .Select(a => MetadataReference.CreateFromFile(a.Location));
        // The integrator's one hand-written line: NSwag's System.Text.Json output puts the string-enum converter on enum
        // properties but not on arrays of enums (allowedActions), so the client's options get it once, as its partial hook allows.
        const string EnumsByName = """
            namespace Generated
            {
                public partial class CpClient
                {
                    static partial void UpdateJsonSerializerSettings(System.Text.Json.JsonSerializerOptions settings) =>
                        settings.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
                }
            }
            """;
        var compilation = CSharpCompilation.Create("Generated.CpClient", [CSharpSyntaxTree.ParseText(code), CSharpSyntaxTree.ParseText(EnumsByName)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.That(errors, Is.Empty, "the generated client does not compile");
        return Assembly.Load(image.ToArray());
    }

    // An integrator's If-Match: the ETag of the last read or change of a resource goes with the next change of it.
    private sealed class ETagHandler : DelegatingHandler
    {
        private readonly Dictionary<string, string> _etags = new(StringComparer.Ordinal);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var path = request.RequestUri!.AbsolutePath;
            var resource = path.Split('/').FirstOrDefault(s => Guid.TryParse(s, out _));
            if (request.Method == HttpMethod.Post && resource is not null && _etags.TryGetValue(resource, out var etag))
            {
                request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
            }

            var response = await base.SendAsync(request, ct);
            if (response.Headers.ETag is { } tag)
            {
                var id = resource ?? response.Headers.Location?.ToString().Split('/').FirstOrDefault(s => Guid.TryParse(s, out _));
                if (id is null && response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    await response.Content.LoadIntoBufferAsync(ct);
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                    id = body.RootElement.TryGetProperty("id", out var idValue) ? idValue.GetString() : null;
                }

                if (id is not null)
                {
                    _etags[id] = tag.ToString();
                }
            }

            return response;
        }
    }
}
