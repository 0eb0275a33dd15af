using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// Document-wide parts of the OpenAPI contract that endpoints cannot say for themselves: the error answers every
/// authenticated operation can give (all problem+json), tag descriptions, the licence, server URLs without a
/// trailing slash, and enum array items pointing at their named enum schema (so generated clients share one type).
/// </summary>
internal static class ApiDocument
{
    private const string ProblemSchema = "ProblemDetails";

    // One line per tag: what an integrator finds under it. A tag missing here fails the Redocly lint in CI.
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Identity"] = "Who the API takes the caller to be.",
        ["Admin: API keys"] = "API keys for bank systems: create (secret shown once), list, revoke, dispose after retention.",
        ["Admin: calendar"] = "Maintain the bank's working-day calendar: holidays and make-up working days per year.",
        ["Calendar"] = "Working-day arithmetic on the bank's calendar, in the bank's time zone.",
        ["Admin: operational alerts"] = "Operational alerts an Admin must act on (e.g. next year's holiday schedule missing); raised once per condition.",
        ["Major events"] = "The office's one major-event register (plan 6 art. 41): events raised by every module, acknowledged and reported upward.",
        ["Disclosure review"] = "Automatic checks of product documents and marketing before launch, and the versioned rule sets they use.",
        ["Audit"] = "Read and verify each module's hash-chained audit trail.",
        ["Retention"] = "Retention policies, legal holds and disposal runs (records are kept at least three years).",
        ["Complaints"] = "Complaint intake, workflow against working-day deadlines, major incidents, codes, statistics and exports.",
        ["Personal-information access log"] = "Every access to a customer's personal financial information: ingest, queries, data-subject reports, tamper evidence, misuse alerts.",
        ["Training"] = "Staff consumer-protection training: staff registry and HR import, courses, sessions, attendance and tests, requirements, coverage and due lists.",
    };

    public static Task Apply(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.License = new OpenApiLicense { Name = "Proprietary: for use by the bank and its regulators only", Identifier = "LicenseRef-Proprietary" };
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.AddComponent<IOpenApiSchema>(ProblemSchema, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. Validation problems add `errors` (field → messages); every problem carries `correlationId`.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["correlationId"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["errors"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object | JsonSchemaType.Null,
                    AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                },
            },
        });

        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                foreach (var tag in operation.Tags ?? new HashSet<OpenApiTagReference>())
                {
                    tags.Add(tag.Name!);
                }

                if (path.StartsWith("/api/", StringComparison.Ordinal))
                {
                    AddErrors(document, path, operation);
                }
            }
        }

        document.Tags = new HashSet<OpenApiTag>(tags.Order(StringComparer.Ordinal).Select(t => new OpenApiTag
        {
            Name = t,
            Description = TagDescriptions.GetValueOrDefault(t),
        }));
        EnumItemsToReferences(document);
        return Task.CompletedTask;
    }

    private static void AddErrors(OpenApiDocument document, string path, OpenApiOperation operation)
    {
        operation.Responses ??= new OpenApiResponses();
        void Add(int status, string description)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                    },
                };
            }
        }

        if (operation.RequestBody is not null || operation.Parameters is { Count: > 0 })
        {
            Add(400, "The request is invalid: `errors` names each field and what is wrong with it.");
        }

        Add(401, "No valid API key or bearer token.");
        Add(403, "The caller's role may not do this.");
        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(404, "No such object, or it is outside the caller's scope (the two are not told apart).");
        }

        Add(429, "Past the caller's rate limit; `Retry-After` says when to try again.");
    }

    // Arrays of enums come out with inline items (the generator cannot reference what our converter writes):
    // point them at the enum's named schema, so a generated client has one Role type, not one per property.
    private static void EnumItemsToReferences(OpenApiDocument document)
    {
        var enums = document.Components!.Schemas!
            .Where(s => s.Value is OpenApiSchema { Enum.Count: > 0 })
            .GroupBy(s => Key(((OpenApiSchema)s.Value).Enum!))
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        foreach (var schema in document.Components.Schemas!.Values.OfType<OpenApiSchema>())
        {
            foreach (var property in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
            {
                if (property.Items is OpenApiSchema { Enum.Count: > 0 } items && enums.TryGetValue(Key(items.Enum!), out var name))
                {
                    property.Items = new OpenApiSchemaReference(name, document);
                }
            }
        }
    }

    private static string Key(IList<JsonNode> values) => string.Join('|', values.Select(v => v?.ToJsonString() ?? "null"));
}
