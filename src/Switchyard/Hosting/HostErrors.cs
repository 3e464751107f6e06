using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Json;

namespace Switchyard.Hosting;

/// <summary>
/// Turns every error the framework raises into the JSON error body: a malformed request Kestrel rejects
/// keeps its 4xx, an unknown route is a JSON 404, and a bug is a logged 500 that shows no internals.
/// </summary>
internal static class HostErrors
{
    public static Task HandleExceptionAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is BadHttpRequestException bad)
        {
            return ErrorResponses.WriteAsync(http, bad.StatusCode, "BAD_REQUEST", bad.Message);
        }

        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Host");
        if (error is not null)
        {
            Log.UnhandledError(logger, http.Request.Method, http.Request.Path, error);
        }

        return ErrorResponses.WriteAsync(http, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "The server failed to handle the request.");
    }

    public static Task HandleEmptyStatusAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var (code, message) = http.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => ("NOT_FOUND", $"No route for {http.Request.Method} {http.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => ("METHOD_NOT_ALLOWED", $"{http.Request.Method} is not allowed on {http.Request.Path}."),
            var status => ("HTTP_" + status, $"The request failed with status {status}."),
        };
        return ErrorResponses.WriteAsync(http, http.Response.StatusCode, code, message);
    }
}
