using Microsoft.AspNetCore.Http;
using Switchyard.Ingest;
using Switchyard.Json;

namespace Switchyard.WebSdk;

/// <summary>
/// CORS for the routes a page's mParticle Web SDK calls (<c>/tags/JS/</c>, <c>/webevents/</c>, <c>/identity/</c>): a
/// preflight is answered here (routing has no OPTIONS endpoints), and every answer to a page on an origin its web
/// input allows carries <c>Access-Control-Allow-Origin</c>, which the SDK needs even on the requests it does not
/// preflight (config, events, forwarding statistics). Another origin gets no CORS headers, so the browser keeps the
/// answer from the page; its preflight is refused with 403.
/// </summary>
internal sealed class WebSdkCors(RequestDelegate next, FeedDirectory feeds)
{
    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path;
        if (!(path.StartsWithSegments("/tags/JS") || path.StartsWithSegments("/webevents") || path.StartsWithSegments("/identity")))
        {
            return next(http);
        }

        var origin = http.Request.Headers.Origin.ToString();
        var allowed = origin.Length > 0 && Allowed(http, origin);
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            return PreflightAsync(http, origin, allowed);
        }

        if (allowed)
        {
            Allow(http.Response, origin);
        }

        return next(http);
    }

    /// <summary>The key in the path (config, events, forwarding, alias) or the <c>x-mp-key</c> header (identity) names the input; a preflight names neither.</summary>
    private bool Allowed(HttpContext http, string origin)
    {
        if (WebSdkRoutes.KeyOf(http.Request.Path) is { } key)
        {
            return feeds.WebInput(key)?.Feed.AllowsOrigin(origin) == true;
        }

        return http.Request.Headers["x-mp-key"].ToString() is { Length: > 0 } header
            ? feeds.WebInput(header)?.Feed.AllowsOrigin(origin) == true
            : feeds.AnyWebInputAllows(origin);
    }

    private static Task PreflightAsync(HttpContext http, string origin, bool allowed)
    {
        if (!allowed)
        {
            return ErrorResponses.WriteAsync(http, StatusCodes.Status403Forbidden, "ORIGIN_NOT_ALLOWED",
                origin.Length == 0 ? "A preflight must name its Origin." : $"No web input takes pages from {origin}.");
        }

        Allow(http.Response, origin);
        http.Response.Headers.AccessControlAllowMethods = "GET, POST";
        if (http.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } headers)
        {
            http.Response.Headers.AccessControlAllowHeaders = headers;
        }

        http.Response.Headers.AccessControlMaxAge = "600";
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static void Allow(HttpResponse response, string origin)
    {
        response.Headers.AccessControlAllowOrigin = origin;
        response.Headers.AccessControlExposeHeaders = "Retry-After, X-mp-rate-limit-percentage-used";
        response.Headers.Vary = "Origin";
    }
}
