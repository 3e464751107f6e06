using Microsoft.AspNetCore.Http;
using Switchyard.Ingest;
using Switchyard.Json;

namespace Switchyard.WebSdk;

/// <summary>
/// Admits a browser's request to a web input: the public key names the input (401 when no web input has it, which
/// the Web SDK treats as final), a page's <c>Origin</c> must be one the input allows (403), and the input's rate limit
/// applies (429). A request without <c>Origin</c> does not come from a page's script on another origin; it is taken
/// like a server's, since the key is public anyway.
/// </summary>
internal static class WebInputs
{
    public static async Task<FeedEntry?> AdmitAsync(HttpContext http, FeedDirectory feeds, string? key, int permits)
    {
        if (feeds.WebInput(key) is not { } entry)
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status401Unauthorized, "UNKNOWN_WEB_KEY", "No web input has this key.").ConfigureAwait(false);
            return null;
        }

        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !entry.Feed.AllowsOrigin(origin))
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status403Forbidden, "ORIGIN_NOT_ALLOWED", $"Web input '{entry.Feed.Id}' does not take pages from {origin}.").ConfigureAwait(false);
            return null;
        }

        if (permits > 0)
        {
            using var lease = entry.Limiter.AttemptAcquire(permits);
            if (!lease.IsAcquired)
            {
                http.Response.Headers.RetryAfter = "1";
                await ErrorResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, "RATE_LIMITED", $"Web input '{entry.Feed.Id}' is over its rate limit; retry later.").ConfigureAwait(false);
                return null;
            }
        }

        return entry;
    }
}
