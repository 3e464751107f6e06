using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Switchyard.Json;

namespace Switchyard.Hosting;

/// <summary>
/// The outermost middleware of <c>serve</c>: every failure below it becomes the JSON error body. A request the client
/// got wrong (unreadable body framing, a slow body Kestrel timed out, a content coding nobody decodes) keeps a 4xx and
/// is logged at Debug without a stack trace, since nothing in the service is wrong; a client that went away gets no
/// answer and a Debug line; anything else is a bug: a logged 500 that shows no internals.
/// </summary>
internal sealed class HostErrorMiddleware(RequestDelegate next, ILogger<HostErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            if (Sandbox.Hosting.ContentCodings.Unsupported(http.Request) is { } coding)
            {
                Log.RequestRefused(logger, http.Request.Method, http.Request.Path, StatusCodes.Status415UnsupportedMediaType, "content coding " + coding);
                await ErrorResponses.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_CONTENT_ENCODING",
                    $"Content-Encoding '{coding}' is not supported; send the body uncompressed.").ConfigureAwait(false);
                return;
            }

            // A body declared larger than the server takes is refused before any route runs: a route that does not read
            // bodies (a GET) would otherwise answer while the client still sends, and Kestrel's reset of the oversized
            // upload could cut a long answer short.
            if (http.Request.ContentLength is { } length && http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } max && length > max)
            {
                Log.RequestRefused(logger, http.Request.Method, http.Request.Path, StatusCodes.Status413PayloadTooLarge, $"declared body of {length} bytes");
                http.Response.Headers.Connection = "close";
                await ErrorResponses.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE",
                    $"The body may be at most {max / 1024} KB.").ConfigureAwait(false);
                return;
            }

            http.Request.Body = new Sandbox.Hosting.ClientBodyStream(http.Request.Body, http);
        }

        try
        {
            if (http.Request.ContentLength is null && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
            {
                // A chunked body on a read: no route reads it, so it is read (and capped by Kestrel's limit, a 413) before
                // the answer, or Kestrel's reset of an oversized upload could cut a long answer (the OpenAPI document) short.
                await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted).ConfigureAwait(false);
            }

            await next(http).ConfigureAwait(false);
        }
        catch (Exception e) when (ClientLeft(http, e))
        {
            // Nobody is left to answer; the exception says only that the connection is gone.
            Log.ClientLeft(logger, http.Request.Method, http.Request.Path);
        }
        catch (BadHttpRequestException bad) when (!http.Response.HasStarted)
        {
            Log.RequestRefused(logger, http.Request.Method, http.Request.Path, bad.StatusCode, bad.Message);
            http.Response.Clear();
            await ErrorResponses.WriteAsync(http, bad.StatusCode, CodeOf(bad.StatusCode), bad.Message).ConfigureAwait(false);
        }
        catch (Exception e) when (!http.Response.HasStarted)
        {
            Log.UnhandledError(logger, http.Request.Method, http.Request.Path, e);
            http.Response.Clear();
            await ErrorResponses.WriteAsync(http, StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "The server failed to handle the request.").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The connection is gone: the request was aborted, or is being aborted (<see cref="Sandbox.Hosting.ClientBodyStream"/> aborts on a
    /// reset and throws before Kestrel has signalled <see cref="HttpContext.RequestAborted"/>).
    /// </summary>
    private static bool ClientLeft(HttpContext http, Exception e) =>
        http.RequestAborted.IsCancellationRequested
        || (e is OperationCanceledException { CancellationToken: var token } && token == http.RequestAborted);

    private static string CodeOf(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "REQUEST_TIMEOUT",
        StatusCodes.Status413PayloadTooLarge => "REQUEST_TOO_LARGE",
        _ => "BAD_REQUEST",
    };
}
