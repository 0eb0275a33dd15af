using Microsoft.OpenApi;

namespace ConsumerProtection.Host.Composition;

/// <summary>OpenAPI 3.1 at <c>/openapi/v1.json</c> with both security schemes; Swagger UI at <c>/swagger</c> over it.</summary>
internal static class ApiDocs
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // Feature slices nest their records (WhoAmI.Response, ApiKeyEndpoints.CreateRequest): public names without
            // the nesting, by one rule (SchemaNames), unique across modules.
            o.CreateSchemaReferenceId = SchemaNames.For;
            o.AddSchemaTransformer(ApiSchemas.Apply);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "ConsumerProtection API",
                    Version = "v1",
                    Description = "A bank's consumer-protection office: complaints, disclosure review, personal-information access log, training, assessment.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["ApiKey"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                        Description = "A system client's API key (cpk_...). The first Admin key is in <data>/bootstrap-admin-key.txt.",
                    },
                    ["Bearer"] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                        Description = "A token from the bank's identity provider.",
                    },
                };
                document.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
                ];
                return Task.CompletedTask;
            });
            o.AddDocumentTransformer(ApiDocument.Apply);
        });

    public static WebApplication UseApiDocsUi(this WebApplication app)
    {
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "swagger";
            o.SwaggerEndpoint(DocumentPath, "ConsumerProtection v1");
            o.DocumentTitle = "ConsumerProtection API";
        });
        return app;
    }

    public static void MapApiDocs(this WebApplication app) =>
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().DisableRateLimiting();
}
