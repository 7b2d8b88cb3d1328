using Microsoft.OpenApi;

namespace ActorWelfare.Dashboard.Api;

/// <summary>The OpenAPI document of /api/v1, served at /api/v1/openapi.json, with the bearer token scheme.</summary>
public static class OpenApiSetup
{
    public const string Path = "/api/v1/openapi.json";

    public static IServiceCollection AddActorWelfareOpenApi(this IServiceCollection services) => services.AddOpenApi("v1", o =>
    {
        o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "ActorWelfare API",
                Version = "v1",
                Description = "Live indicators of community work, activities, imports and administration (docs/api.md).",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token issued by an administrator (awt_…).",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
            return Task.CompletedTask;
        });
    });

    public static IEndpointRouteBuilder MapActorWelfareOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Path);
        return app;
    }
}
