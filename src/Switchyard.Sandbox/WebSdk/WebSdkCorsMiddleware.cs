using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// CORS for the Web SDK routes. The SDK posts JSON with <c>X-Braze-Api-Key</c> and <c>X-Requested-With</c>, so browsers
/// send a preflight first; this answers it, and puts <c>Access-Control-Allow-Origin</c> on every answer of these routes,
/// injected faults and error answers included (a browser hides an answer without it, and the SDK then sees a network
/// error instead of the status it should react to). Runs before fault injection, so preflights are never faulted.
/// </summary>
internal sealed class WebSdkCorsMiddleware(RequestDelegate next, SandboxSettings settings, ILogger<WebSdkCorsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!WebSdkPaths.IsWebSdk(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        string? origin = context.Request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin) && !WebSdkOrigins.IsAllowed(settings.SdkAllowedOrigins, origin))
        {
            // No Access-Control-Allow-Origin here: the page may not read the answer, and the browser tells its script so.
            Log.WebSdkOriginRefused(logger, context.Request.Method, context.Request.Path.Value ?? "");
            await WebSdkReplies.Refused(StatusCodes.Status403Forbidden, "Origin", $"Origin '{origin}' is not allowed to call the Web SDK routes; start the sandbox with --sdk-origin {origin}")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // OnStarting rather than setting headers now: the error middleware clears headers before writing its answer.
        var allowOrigin = string.IsNullOrEmpty(origin) ? "*" : origin;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.AccessControlAllowOrigin = allowOrigin;
            headers.AccessControlExposeHeaders = HeaderNames.RetryAfter;
            headers.Vary = HeaderNames.Origin;
            return Task.CompletedTask;
        });

        if (HttpMethods.IsOptions(context.Request.Method))
        {
            var headers = context.Response.Headers;
            headers.AccessControlAllowMethods = HttpMethods.Post;
            headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders;
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
