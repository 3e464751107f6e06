using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Hosting;

/// <summary>
/// Outermost sandbox middleware: a client of a Braze double should always get Braze's JSON error shape
/// (<c>{"message": …}</c>, reference/braze.md §1.7), never an empty 500. A <see cref="BadHttpRequestException"/>
/// (a malformed chunked body, a client that stalls) is the client's fault and keeps its 4xx status.
/// </summary>
internal sealed class SandboxErrorMiddleware(RequestDelegate next, ILogger<SandboxErrorMiddleware> logger)
{
    public const string InternalErrorMessage = "Internal Server Error";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
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

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.Clear();
        return WireResults.Message(status, message).ExecuteAsync(context);
    }
}
