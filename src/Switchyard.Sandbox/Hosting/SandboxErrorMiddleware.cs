using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Hosting;

/// <summary>
/// Outermost sandbox middleware: a client of a Braze double should always get Braze's JSON error shape
/// (<c>{"message": …}</c>, reference/braze.md §1.7), never an empty 500. A request the client got wrong (body framing
/// that cannot be read, a body too slow for Kestrel, a content coding the sandbox does not decode) keeps a 4xx and is
/// logged at Debug without a stack trace; a client that went away gets a Debug line; anything else is a logged 500.
/// </summary>
internal sealed class SandboxErrorMiddleware(RequestDelegate next, ILogger<SandboxErrorMiddleware> logger)
{
    public const string InternalErrorMessage = "Internal Server Error";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            if (ContentCodings.Unsupported(context.Request) is { } coding)
            {
                Log.BadRequest(logger, context.Request.Method, context.Request.Path.Value ?? "", StatusCodes.Status415UnsupportedMediaType);
                await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, $"Content-Encoding '{coding}' is not supported; send the body uncompressed.").ConfigureAwait(false);
                return;
            }

            context.Request.Body = new ClientBodyStream(context.Request.Body, context);
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (ClientLeft(context, e))
        {
            // The client went away; there is nobody to answer, and nothing in the sandbox is wrong.
            Log.ClientLeft(logger, context.Request.Method, context.Request.Path.Value ?? "");
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            Log.BadRequest(logger, context.Request.Method, context.Request.Path.Value ?? "", ex.StatusCode);
            await WriteAsync(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not BadHttpRequestException && !context.Response.HasStarted)
        {
            // Path only: the query string may carry a REST key (/_sandbox/datapoints?key=), the body a payload.
            Log.UnhandledException(logger, ex, context.Request.Method, context.Request.Path.Value ?? "");
            await WriteAsync(context, StatusCodes.Status500InternalServerError, InternalErrorMessage).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The connection is gone: the request was aborted, or is being aborted (<see cref="ClientBodyStream"/> aborts on a
    /// reset and throws before Kestrel has signalled <see cref="HttpContext.RequestAborted"/>).
    /// </summary>
    private static bool ClientLeft(HttpContext http, Exception e) =>
        http.RequestAborted.IsCancellationRequested
        || (e is OperationCanceledException { CancellationToken: var token } && token == http.RequestAborted);

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        RateLimits.UncountedRateLimitHeaders.Apply(context);
        return WireResults.Message(status, message).ExecuteAsync(context);
    }
}
