using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Faults;

namespace Switchyard.Sandbox.RequestLog;

/// <summary>
/// Records every Braze API request in the <see cref="RequestJournal"/>: outermost, so it also sees injected faults,
/// rejected keys and rate-limited requests. The REST key is reduced to its last 4 characters.
/// </summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestJournal journal, SandboxControlSettings settings, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (SandboxPaths.IsControl(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var at = time.GetUtcNow();
        var started = time.GetTimestamp();
        var original = request.Body;
        var capture = new BodyCaptureStream(original, settings.RequestLogBodyExcerptBytes);
        request.Body = capture;
        var failed = false;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            if (!failed)
            {
                await ReadUnreadExcerptAsync(context, capture).ConfigureAwait(false);
            }

            request.Body = original;
            journal.Add(Entry(context, capture, at, time.GetElapsedTime(started), failed));
        }
    }

    /// <summary>
    /// When nothing downstream read the body (an injected fault, a 401, a 429, an endpoint that ignores it), reads the
    /// excerpt now, so the log shows what the client sent. Only for bodies already on their way: a known length and
    /// no <c>Expect: 100-continue</c>, which would leave the client waiting for a go-ahead that never comes.
    /// </summary>
    private async Task ReadUnreadExcerptAsync(HttpContext context, BodyCaptureStream capture)
    {
        var request = context.Request;
        var length = request.ContentLength ?? 0;
        if (capture.BytesRead > 0 || length == 0 || settings.RequestLogBodyExcerptBytes == 0
            || request.Headers.ContainsKey(HeaderNames.Expect) || IsAborted(context))
        {
            return;
        }

        var buffer = new byte[(int)Math.Min(length, settings.RequestLogBodyExcerptBytes)];
        try
        {
            var filled = 0;
            while (filled < buffer.Length)
            {
                var read = await capture.ReadAsync(buffer.AsMemory(filled), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                filled += read;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client went away; the log keeps whatever arrived.
        }
    }

    private static bool IsAborted(HttpContext context) =>
        context.RequestAborted.IsCancellationRequested
        || context.Features.Get<InjectedFaultFeature>()?.Fault.Kind == FaultKind.Drop;

    private static RequestLogEntry Entry(HttpContext context, BodyCaptureStream capture, DateTimeOffset at, TimeSpan duration, bool failed)
    {
        var request = context.Request;
        var aborted = IsAborted(context);
        var bodyBytes = Math.Max(capture.BytesRead, request.ContentLength ?? 0);
        int? status = aborted ? null
            : failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError
            : context.Response.StatusCode;
        return new RequestLogEntry
        {
            Time = at,
            Method = request.Method,
            Path = request.Path.Value ?? "/",
            Status = status,
            DurationMs = duration.TotalMilliseconds,
            ApiKey = BearerToken.Redact(BearerToken.Read(request)),
            ContentType = request.ContentType,
            BodyBytes = bodyBytes,
            BodyExcerpt = Encoding.UTF8.GetString(capture.Excerpt),
            BodyTruncated = bodyBytes > capture.Excerpt.Length,
            Fault = context.Features.Get<InjectedFaultFeature>()?.Fault.Describe(),
            Aborted = aborted,
        };
    }
}
