using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Testing.Hostile;

/// <summary>Every endpoint a running host serves, as <c>METHOD /pattern</c>, read from its <see cref="EndpointDataSource"/>.</summary>
internal static class EndpointRoutes
{
    /// <param name="apiOnly">Leaves out endpoints excluded from the API description on purpose (the console's pages, assets and connection).</param>
    public static IReadOnlyList<string> Of(IServiceProvider services, bool apiOnly = false) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !apiOnly || !IsConsole(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => method + " /" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
            .Distinct()
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The console's endpoints: marked as no part of the API, plus the static asset fallback ASP.NET Core adds beside the
    /// console's assets when it serves them from the build's manifest (not from a published wwwroot).
    /// </summary>
    public static bool IsConsole(RouteEndpoint endpoint) =>
        (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }
            && !(endpoint.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("openapi/", StringComparison.Ordinal))
        || endpoint.RoutePattern.RawText?.TrimStart('/') == "{**path:file}";
}
