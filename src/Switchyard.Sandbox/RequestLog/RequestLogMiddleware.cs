using System.Text;
using Microsoft.AspNetCore.Http;
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
            request.Body = original;
            journal.Add(Entry(context, capture, at, time.GetElapsedTime(started), failed));
        }
    }

    private static RequestLogEntry Entry(HttpContext context, BodyCaptureStream capture, DateTimeOffset at, TimeSpan duration, bool failed)
    {
        var request = context.Request;
        var aborted = context.RequestAborted.IsCancellationRequested;
        var bodyBytes = capture.BytesRead > 0 ? capture.BytesRead : request.ContentLength ?? 0;
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
