using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Switchyard.Json;

namespace Switchyard.Hosting;

/// <summary>
/// Gives an answer the framework leaves empty (an unknown route, a wrong method) the JSON error body. Exceptions are
/// <see cref="HostErrorMiddleware"/>'s.
/// </summary>
internal static class HostErrors
{
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
