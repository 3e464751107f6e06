using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>Maps the Braze Web SDK's routes (no REST key: the SDK key is checked by each route).</summary>
internal static class WebSdkEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Routing ignores a trailing slash, so this also answers /api/v3/data/, the path the SDK uses. Handlers are
        // typed as Delegate so minimal APIs write the returned IResult instead of treating them as RequestDelegates.
        Delegate data = (HttpContext context) => context.RequestServices.GetRequiredService<WebSdkDataEndpoint>().HandleAsync(context);
        endpoints.MapPost(WebSdkPaths.Data, data);
        MapSync(endpoints, WebSdkPaths.ContentCardsSync, WebSdkSyncEndpoint.NoContentCards);
        MapSync(endpoints, WebSdkPaths.FeatureFlagsSync, WebSdkSyncEndpoint.NoFeatureFlags);
        MapSync(endpoints, WebSdkPaths.BannersSync, WebSdkSyncEndpoint.NoBanners);
    }

    private static void MapSync(IEndpointRouteBuilder endpoints, string pattern, Func<JsonObject> empty)
    {
        Delegate sync = (HttpContext context) => context.RequestServices.GetRequiredService<WebSdkSyncEndpoint>().HandleAsync(context, empty);
        endpoints.MapPost(pattern, sync);
    }
}
