using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Switchyard.Hosting;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: every route's answers come from its own metadata; this adds how
/// each is authenticated. The Events API takes an input feed's key and secret as HTTP Basic (as mParticle's does),
/// <c>/v2/currents</c> the same pair as a bearer token (Braze's Custom HTTP connector sends one), and the admin API
/// its admin token as a bearer token.
/// </summary>
internal static class OpenApiSecurity
{
    public const string FeedBasic = "feedBasic";
    public const string FeedBearer = "feedBearer";
    public const string AdminBearer = "adminBearer";

    public static IServiceCollection AddSwitchyardOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Switchyard",
                    Version = "v1",
                    Description = "The mParticle-compatible Events API, the Braze Currents route and the admin API of a Switchyard service.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[FeedBasic] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "basic",
                    Description = "An input feed's key as the user name and its secret as the password.",
                };
                document.Components.SecuritySchemes[FeedBearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A Braze feed's key and secret joined by a colon, as Braze's Custom HTTP Currents connector sends them.",
                };
                document.Components.SecuritySchemes[AdminBearer] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The admin token (workspace file admin.token, or admin-token.txt in the data directory).",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiAnswers.JsonRequestBody>().FirstOrDefault() is { } body)
                {
                    var name = body.Type.IsArray ? body.Type.GetElementType()!.Name + "List" : body.Type.Name;
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken).ConfigureAwait(false);
                    context.Document!.AddComponent(name, schema);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, context.Document) },
                        },
                    };
                }

                var path = "/" + (context.Description.RelativePath ?? "").TrimStart('/');
                var scheme = path switch
                {
                    _ when path.StartsWith("/admin", StringComparison.Ordinal) => AdminBearer,
                    "/v2/currents" => FeedBearer,
                    _ when path.StartsWith("/v2/", StringComparison.Ordinal) => FeedBasic,
                    // The DSR API: a feed's key and secret, except discovery, which anyone may read.
                    _ when path.StartsWith("/v3/discovery", StringComparison.Ordinal) => null,
                    _ when path.StartsWith("/v3/", StringComparison.Ordinal) => FeedBasic,
                    _ when path.StartsWith("/identity/", StringComparison.Ordinal) => FeedBasic,
                    _ => null,
                };
                if (scheme is not null)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
                }
            });
        });
}
