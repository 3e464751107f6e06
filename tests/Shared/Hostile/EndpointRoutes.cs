using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Testing.Hostile;

/// <summary>Every endpoint a running host serves, as <c>METHOD /pattern</c>, read from its <see cref="EndpointDataSource"/>.</summary>
internal static class EndpointRoutes
{
    public static IReadOnlyList<string> Of(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => method + " /" + (e.RoutePattern.RawText ?? "").TrimStart('/')))
            .Distinct()
            .Order(StringComparer.Ordinal)];
}
