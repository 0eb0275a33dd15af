using System.Reflection;
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
                document.AddComponent<IOpenApiSchema>(elementEnum.Name, new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = [.. StrictEnum.Names(elementEnum).Select(n => (JsonNode)JsonValue.Create(n))],
                });
            }

            schema.Items = new OpenApiSchemaReference(elementEnum.Name, document);
        }
        else if (plain == typeof(DateTimeOffset))
        {
            schema.Type = JsonSchemaType.String | (underlying is not null ? JsonSchemaType.Null : 0);
            schema.Format = "date-time";
        }

        return Task.CompletedTask;
    }

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
