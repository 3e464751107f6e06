using System.Globalization;
using System.Threading.RateLimiting;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Storage;
using Switchyard.Json;

namespace Switchyard.Ingest;

/// <summary>
/// Answers the Events API: authenticate the feed, bound the body, parse and validate every batch, hold the
/// feed to its rate, append the batches to the durable inbox, and only then answer 202. A request is taken
/// whole or not at all, so a 4xx never leaves part of a request stored.
/// </summary>
internal sealed class EventsApiHandler(FeedDirectory feeds, IInboxStore inbox, Processing.ProcessingSignal processing, IngestMetrics metrics, TimeProvider time, ILogger<EventsApiHandler> logger)
{
    public async Task HandleAsync(HttpContext http, IngestRoute route)
    {
        await HandleCoreAsync(http, route).ConfigureAwait(false);
        if (http.Response.StatusCode >= 400)
        {
            metrics.Refused(http.Response.StatusCode);
        }
    }

    private async Task HandleCoreAsync(HttpContext http, IngestRoute route)
    {
        var auth = feeds.Authenticate(http.Request.Headers.Authorization);
        if (auth.Feed is not { } feed)
        {
            if (auth.Status == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = "Basic realm=\"switchyard\"";
            }

            await ErrorResponses.WriteAsync(http, auth.Status, auth.Code, auth.Message).ConfigureAwait(false);
            return;
        }

        if (!IsJson(http.Request.ContentType))
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Content-Type must be application/json, not '{http.Request.ContentType}'.").ConfigureAwait(false);
            return;
        }

        // Refuse before reading when the feed has nothing left at all; the exact charge, per batch, follows the parse.
        if (feed.Limiter.GetStatistics()?.CurrentAvailablePermits <= 0)
        {
            await RejectRateAsync(http, feed, TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            return;
        }

        using var body = await RequestBody.ReadAsync(http.Request, EventsApiLimits.MaxRequestBytes, http.RequestAborted).ConfigureAwait(false);
        if (body.TooLarge)
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE",
                $"The request body is larger than {EventsApiLimits.MaxRequestBytes / 1024} KB.").ConfigureAwait(false);
            return;
        }

        var options = new IngestParseOptions(time.GetUtcNow(), route == IngestRoute.Historical, EventsApiLimits.MaxBatchBytes, EventsApiLimits.MaxBatchesPerRequest);
        var parsed = route == IngestRoute.Events
            ? EventsApiParser.ParseBatch(body.Memory, options)
            : EventsApiParser.ParseBulk(body.Memory, options);
        if (parsed.Failure is { } failure)
        {
            Log.BatchRejected(logger, feed.Feed.Id, failure.StatusCode, failure.Errors[0].Code);
            await ErrorResponses.WriteAsync(http, failure.StatusCode, new ErrorBody([.. failure.Errors.Select(e => new ErrorItem(e.Code, e.Message))])).ConfigureAwait(false);
            return;
        }

        if (EnvironmentMismatch(feed, parsed.Batches) is { } mismatch)
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "ENVIRONMENT_MISMATCH", mismatch).ConfigureAwait(false);
            return;
        }

        using var lease = feed.Limiter.AttemptAcquire(Math.Min(parsed.Batches.Count, feed.Feed.RateLimit.Burst));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            await RejectRateAsync(http, feed, retryAfter).ConfigureAwait(false);
            return;
        }

        var records = new InboxRecord[parsed.Batches.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var batch = parsed.Batches[i];
            records[i] = new InboxRecord(feed.Feed.Id, batch.Batch.SourceRequestId, batch.Raw)
            {
                // Braze Currents is at-least-once: its feeds' events are de-duplicated by event id (reference/mparticle.md §5).
                MessageIds = feed.Feed.IsBrazeFeed ? MessageIds(batch.Batch) : null,
            };
        }

        InboxAppendResult stored;
        try
        {
            stored = await inbox.AppendAsync(records, http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.InboxAppendFailed(logger, feed.Feed.Id, e);
            http.Response.Headers.RetryAfter = "1";
            await ErrorResponses.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "STORAGE_UNAVAILABLE",
                "The batches could not be stored; nothing was accepted. Retry later.").ConfigureAwait(false);
            return;
        }

        Log.BatchesAccepted(logger, feed.Feed.Id, stored.StoredCount, stored.DuplicateCount);
        metrics.Stored(feed.Feed.Id, stored);
        processing.Notify();
        http.Response.Headers["X-mp-rate-limit-percentage-used"] = PercentageUsed(feed);
        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static string?[] MessageIds(Core.Ingest.Model.Batch batch)
    {
        var ids = new string?[batch.Events.Count];
        for (var e = 0; e < ids.Length; e++)
        {
            ids[e] = batch.Events[e].Data.SourceMessageId;
        }

        return ids;
    }

    private static string? EnvironmentMismatch(FeedEntry feed, IReadOnlyList<ParsedBatch> batches)
    {
        if (feed.Feed.Environment is not { } expected)
        {
            return null;
        }

        for (var i = 0; i < batches.Count; i++)
        {
            // A batch without an environment is production (reference/mparticle.md §1.2); 'unknown' matches any feed.
            var declared = batches[i].Batch.Environment;
            if (declared != BatchEnvironment.Unknown && !string.Equals(declared.ToString(), expected, StringComparison.OrdinalIgnoreCase))
            {
                return $"batches[{i}].environment: '{declared.ToString().ToLowerInvariant()}' does not match the input feed's environment '{expected}'.";
            }
        }

        return null;
    }

    private static Task RejectRateAsync(HttpContext http, FeedEntry feed, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-mp-rate-limit-exceeded"] = "feed";
        return ErrorResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
            $"Input feed '{feed.Feed.Id}' is over its limit of {feed.Feed.RateLimit.BatchesPerSecond} batches per second.");
    }

    private static string PercentageUsed(FeedEntry feed)
    {
        var limit = feed.Feed.RateLimit.Burst;
        var available = feed.Limiter.GetStatistics()?.CurrentAvailablePermits ?? limit;
        var used = Math.Clamp((limit - available) * 100 / limit, 0, 100);
        return used.ToString(CultureInfo.InvariantCulture);
    }

    private static bool IsJson(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && (string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase)
                || string.Equals(parsed.MediaType, "text/json", StringComparison.OrdinalIgnoreCase)));
}
