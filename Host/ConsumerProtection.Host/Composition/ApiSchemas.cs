using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ConsumerProtection.Shared.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ConsumerProtection.Host.Composition;

/// <summary>
/// The API's own JSON converters (strict enums, control-character-free text, instants with an offset) are
/// invisible to the schema generator, which only knows the framework's converters: this puts back what they
/// accept — enums as string names, strings, date-times — with nullability from the C# declaration.
/// </summary>
internal static class ApiSchemas
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static Task Apply(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null || IsNullableReference(context);
        var plain = underlying ?? type;
        if (plain.IsEnum)
        {
            // Null is said by the property (oneOf [null, enum]); the enum schema itself lists names only.
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. StrictEnum.Names(plain).Select(n => (JsonNode)JsonValue.Create(n))];
            Describe(schema, plain);
        }
        else if (plain == typeof(string))
        {
            schema.Type = JsonSchemaType.String | (nullable ? JsonSchemaType.Null : 0);
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Enumerable && context.JsonTypeInfo.ElementType is { } element
                 && (Nullable.GetUnderlyingType(element) ?? element) is { IsEnum: true } elementEnum && context.Document is { } document)
        {
            // The generator drops an array's items when it cannot describe them; point them at the enum's component.
            if (document.Components?.Schemas?.ContainsKey(elementEnum.Name) != true)
            {
                var component = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. StrictEnum.Names(elementEnum).Select(n => (JsonNode)JsonValue.Create(n))],
                };
                Describe(component, elementEnum);
                document.AddComponent<IOpenApiSchema>(elementEnum.Name, component);
            }

            schema.Items = new OpenApiSchemaReference(elementEnum.Name, document);
        }
        else if (plain == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | (underlying is not null ? JsonSchemaType.Null : 0);
            schema.Format = "date-time";
        }
        else if (plain == typeof(decimal))
        {
            // Money and percentages are decimals: a generated client must not turn 0.10 into a binary double.
            schema.Type = JsonSchemaType.Number | (underlying is not null ? JsonSchemaType.Null : 0);
            schema.Format = "decimal";
            schema.Description ??= "A decimal number (format decimal): read it into a decimal type, not a binary floating point. "
                + "Money amounts are in the record's currency with at most two decimal places.";
        }
        else if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
        {
            schema.Required = new HashSet<string>(RequiredMembers(context.JsonTypeInfo).Where(schema.Properties.ContainsKey), StringComparer.Ordinal);
            if (context.JsonPropertyInfo is null && Example(context.JsonTypeInfo) is { } example)
            {
                schema.Examples = [example];
            }
        }

        if (context.JsonPropertyInfo is { } member && member.DeclaringType.Namespace?.StartsWith("ConsumerProtection.Modules.Complaints", StringComparison.Ordinal) == true
            && ClassificationAxes.TryGetValue(member.Name, out var axis))
        {
            schema.Description ??= axis;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A request record's <c>Example</c> constant (JSON text) as its schema's example. It is read back into the record
    /// with the API's own JSON rules here, so an example that the API would refuse (a misspelt enum name, a wrong type)
    /// fails the document, and so the OpenAPI tests, rather than misleading an integrator.
    /// </summary>
    private static JsonNode? Example(JsonTypeInfo type)
    {
        if (type.Type.GetField("Example", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is not { IsLiteral: true } field
            || field.GetRawConstantValue() is not string text)
        {
            return null;
        }

        var node = JsonNode.Parse(text)!;
        _ = node.Deserialize(type);
        return node;
    }

    /// <summary>
    /// Each member's meaning (its XML doc summary, <see cref="EnumDocs"/>): as <c>x-enumDescriptions</c> (texts in the order of
    /// <c>enum</c>, read by generators and documentation tools that know it) and as a list in the description for every other reader.
    /// </summary>
    private static void Describe(OpenApiSchema schema, Type enumType)
    {
        var docs = EnumDocs.For(enumType);
        if (docs.All(d => d.Value.Length == 0))
        {
            return;
        }

        // An array in the order of "enum" (the NJsonSchema/NSwag convention, so generated clients read it).
        schema.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
        schema.Extensions["x-enumDescriptions"] = new JsonNodeExtension(new JsonArray([.. docs.Select(d => (JsonNode)JsonValue.Create(d.Value))]));
        // After the type's own summary, when it has one (the generator puts that in first).
        var list = string.Join("\n", docs.Where(d => d.Value.Length > 0).Select(d => $"- `{d.Key}`: {d.Value}"));
        schema.Description = string.IsNullOrEmpty(schema.Description) ? list
            : schema.Description.Contains(list, StringComparison.Ordinal) ? schema.Description : schema.Description + "\n\n" + list;
    }

    // JR/T 0169-2020 classifies a complaint on three axes; the codes are data (GET /api/v1/complaints/codes), not an enum.
    private static readonly Dictionary<string, string> ClassificationAxes = new(StringComparer.Ordinal)
    {
        ["businessChannel"] = "JR/T 0169 axis A, business channel: a code such as A1 (counter), from GET /api/v1/complaints/codes.",
        ["businessType"] = "JR/T 0169 axis B, business type: a code such as B032 (credit card), from GET /api/v1/complaints/codes.",
        ["reason"] = "JR/T 0169 axis C, complaint reason: a code such as C11 (fees), from GET /api/v1/complaints/codes.",
    };

    /// <summary>
    /// What the API really requires: a member is required only when its C# declaration cannot be null and it has no
    /// default. Request records declare what they accept missing as nullable (the handler then answers 400 naming the
    /// field if the rule needs it), so those are not required; answers always carry their non-nullable members.
    /// </summary>
    private static HashSet<string> RequiredMembers(JsonTypeInfo type) =>
        [.. type.Properties
            .Where(p => p.IsRequired || (!p.IsGetNullable && !p.IsSetNullable && Nullable.GetUnderlyingType(p.PropertyType) is null
                && p.AssociatedParameter is not { HasDefaultValue: true }))
            .Select(p => p.Name)];

    private static bool IsNullableReference(OpenApiSchemaTransformerContext context)
    {
        if (context.JsonPropertyInfo?.AttributeProvider is PropertyInfo property)
        {
            return Nullability.Create(property).WriteState == NullabilityState.Nullable;
        }

        if (context.ParameterDescription?.ParameterDescriptor is { } descriptor
            && descriptor.GetType().GetProperty("ParameterInfo")?.GetValue(descriptor) is ParameterInfo parameter)
        {
            return Nullability.Create(parameter).ReadState == NullabilityState.Nullable;
        }

        return false;
    }
}
