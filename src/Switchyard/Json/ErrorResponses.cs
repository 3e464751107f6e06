using Microsoft.AspNetCore.Http;

namespace Switchyard.Json;

/// <summary>Writes the JSON error body with a status code.</summary>
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext http, int status, string code, string message) =>
        WriteAsync(http, status, ErrorBody.Of(code, message));

    public static Task WriteAsync(HttpContext http, int status, ErrorBody body)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(body, HostJson.Context.ErrorBody, contentType: "application/json", http.RequestAborted);
    }

    public static IResult Result(int status, string code, string message) =>
        Results.Json(ErrorBody.Of(code, message), HostJson.Context.ErrorBody, "application/json", status);
}
