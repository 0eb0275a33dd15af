using Microsoft.AspNetCore.Builder;
using Microsoft.OpenApi;

namespace ConsumerProtection.Modules.Complaints.Infrastructure;

/// <summary>
/// Documents a request body that the handler reads itself (a file upload, CSV). Accepts(...) would also make routing
/// refuse other content types with 415 before authorization, so a caller without the role would learn nothing
/// about roles; this describes the body in the OpenAPI document only.
/// </summary>
internal static class RequestBodyDocs
{
    /// <summary>A body of one of <paramref name="mediaTypes"/>, each a string (text) document.</summary>
    public static RouteHandlerBuilder TextBody(this RouteHandlerBuilder builder, string description, params string[] mediaTypes) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = mediaTypes.ToDictionary(m => m, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } }),
            };
            return Task.CompletedTask;
        });

    /// <summary>A multipart/form-data body with one binary part named <paramref name="part"/>.</summary>
    public static RouteHandlerBuilder FileBody(this RouteHandlerBuilder builder, string part, string description) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { part },
                            Properties = new Dictionary<string, IOpenApiSchema> { [part] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
