using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Testing.Hostile;

/// <summary>Every endpoint a running host serves, as <c>METHOD /pattern</c>, read from its <see cref="EndpointDataSource"/>.</summary>
internal static class EndpointRoutes
{
    /// <param name="apiOnly">Leaves out endpoints excluded from the API description on purpose (the console's pages and connection, Scalar's page).</param>
    public static IReadOnlyList<string> Of(IServiceProvider services, bool apiOnly = false) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !apiOnly || !IsConsole(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => method + " /" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>The console's endpoints (and Scalar's): marked as no part of the API; the OpenAPI document itself is one.</summary>
    public static bool IsConsole(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
            && !(endpoint.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("openapi/", StringComparison.Ordinal));
}
