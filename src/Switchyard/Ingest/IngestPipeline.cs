using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Storage;
using Switchyard.Json;

namespace Switchyard.Ingest;

/// <summary>
/// The steps every ingest route shares, whatever its body format: authenticate the feed, bound the body, hold the feed
/// to its rate, append the batches to the durable inbox in one transaction, and count. Each step that refuses writes the
/// JSON error itself and returns null, so a route reads as a list of steps.
/// </summary>
internal sealed class IngestPipeline(
    FeedDirectory feeds, IInboxStore inbox, Processing.ProcessingSignal processing, IngestMetrics metrics, AuthRefusals refusals, Console.LiveStream.BatchTap tap,
    ILogger<IngestPipeline> logger)
{
    /// <summary>
    /// Authenticates the request, checks the content type and refuses early when the feed has no budget at all; with
    /// <paramref name="brazeFeedsOnly"/> a feed of kind <c>events</c> is refused with 403.
    /// </summary>
    public async Task<FeedEntry?> AdmitAsync(HttpContext http, BearerCredentials bearer, bool brazeFeedsOnly)
    {
        var auth = feeds.Authenticate(http.Request.Headers.Authorization, bearer);
        if (auth.Feed is not { } feed)
        {
            refusals.Refused(auth.Refused, auth.Status);
            if (auth.Status == StatusCodes.Status401Unauthorized)
            {
                http.Response.Headers.WWWAuthenticate = bearer == BearerCredentials.Accepted
                    ? "Bearer realm=\"switchyard\", Basic realm=\"switchyard\""
                    : "Basic realm=\"switchyard\"";
            }

            await ErrorResponses.WriteAsync(http, auth.Status, auth.Code, auth.Message).ConfigureAwait(false);
            return null;
        }

        if (brazeFeedsOnly && !feed.Feed.IsBrazeFeed)
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status403Forbidden, "NOT_A_BRAZE_FEED",
                $"{http.Request.Path} is for Braze feeds (kind braze_ios, braze_android, braze_web or braze_unbound); input feed '{feed.Feed.Id}' is of kind events.").ConfigureAwait(false);
            return null;
        }

        if (!JsonContentType.IsJson(http.Request.ContentType))
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Content-Type must be application/json, not '{http.Request.ContentType}'.").ConfigureAwait(false);
            return null;
        }

        // Refuse before reading when the feed has nothing left at all; the exact charge, per batch, follows the parse.
        if (feed.Limiter.GetStatistics()?.CurrentAvailablePermits <= 0)
        {
            await RejectRateAsync(http, feed, TimeSpan.FromMilliseconds(100)).ConfigureAwait(false);
            return null;
        }

        return feed;
    }

    /// <summary>Reads the body up to the request limit (reference/mparticle.md §1.1); over it, 413.</summary>
    public async Task<RequestBody?> ReadBodyAsync(HttpContext http)
    {
        var body = await RequestBody.ReadAsync(http.Request, EventsApiLimits.MaxRequestBytes, http.RequestAborted).ConfigureAwait(false);
        if (!body.TooLarge)
        {
            return body;
        }

        body.Dispose();
        await ErrorResponses.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE",
            $"The request body is larger than {EventsApiLimits.MaxRequestBytes / 1024} KB.").ConfigureAwait(false);
        return null;
    }

    public Task RefuseAsync(HttpContext http, FeedEntry feed, IngestFailure failure)
    {
        Log.BatchRejected(logger, feed.Feed.Id, failure.StatusCode, failure.Errors[0].Code);
        return ErrorResponses.WriteAsync(http, failure.StatusCode, new ErrorBody([.. failure.Errors.Select(e => new ErrorItem(e.Code, e.Message))]));
    }

    /// <summary>
    /// Charges the feed one token per batch and appends every batch in one transaction; on a Braze feed each event's
    /// <c>source_message_id</c> goes with it, so redelivered events are stored once. <paramref name="historical"/> marks
    /// every record as arrived on <c>/v2/bulkevents/historical</c>, which keeps it from event outputs. Null when an
    /// error was written.
    /// </summary>
    public async Task<InboxAppendResult?> StoreAsync(HttpContext http, FeedEntry feed, IReadOnlyList<ParsedBatch> batches, bool historical = false)
    {
        if (EnvironmentMismatch(feed, batches) is { } mismatch)
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "ENVIRONMENT_MISMATCH", mismatch).ConfigureAwait(false);
            return null;
        }

        if (batches.Count == 0)
        {
            http.Response.Headers["X-mp-rate-limit-percentage-used"] = PercentageUsed(feed);
            return new InboxAppendResult([]);
        }

        using var lease = feed.Limiter.AttemptAcquire(Math.Min(batches.Count, feed.Feed.RateLimit.Burst));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            await RejectRateAsync(http, feed, retryAfter).ConfigureAwait(false);
            return null;
        }

        var records = new InboxRecord[batches.Count];
        for (var i = 0; i < records.Length; i++)
        {
            var batch = batches[i];
            records[i] = new InboxRecord(feed.Feed.Id, batch.Batch.SourceRequestId, batch.Raw)
            {
                // Braze Currents is at-least-once: its feeds' events are de-duplicated by event id (reference/mparticle.md §5).
                MessageIds = feed.Feed.IsBrazeFeed ? MessageIds(batch.Batch) : null,
                Historical = historical,
                PartitionKey = Core.Partitions.UserPartitions.KeyOf(batch.Batch),
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
            return null;
        }

        Log.BatchesAccepted(logger, feed.Feed.Id, stored.StoredCount, stored.DuplicateCount);
        metrics.Stored(feed.Feed.Id, stored);
        // The console's live stream sees only what is durable; with no page open this is one read.
        tap.Offer(feed.Feed.Id, batches);
        processing.Notify();
        http.Response.Headers["X-mp-rate-limit-percentage-used"] = PercentageUsed(feed);
        return stored;
    }

    /// <summary>Counts a request answered with an error, by status; call once the route has answered.</summary>
    public void CountIfRefused(HttpContext http)
    {
        if (http.Response.StatusCode >= 400)
        {
            metrics.Refused(http.Response.StatusCode);
        }
    }

    private static string?[] MessageIds(Batch batch)
    {
        var ids = new string?[batch.Events.Count];
        for (var e = 0; e < ids.Length; e++)
        {
            // An empty id is no id: claimed, it would make every later event without a real id a repeat.
            ids[e] = batch.Events[e].Data.SourceMessageId is { Length: > 0 } id ? id : null;
        }

        return ids;
    }

    private static string? EnvironmentMismatch(FeedEntry feed, IReadOnlyList<ParsedBatch> batches)
    {
        for (var i = 0; i < batches.Count; i++)
        {
            if (EnvironmentMismatch(feed, batches[i].Batch, i) is { } mismatch)
            {
                return mismatch;
            }
        }

        return null;
    }

    /// <summary>Why a batch may not go to this feed because of its declared environment; null when it may.</summary>
    public static string? EnvironmentMismatch(FeedEntry feed, Batch batch, int index)
    {
        // A batch without an environment is production (reference/mparticle.md §1.2); 'unknown' matches any feed.
        var declared = batch.Environment;
        if (feed.Feed.Environment is not { } expected || declared == BatchEnvironment.Unknown
            || string.Equals(declared.ToString(), expected, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return $"batches[{index}].environment: '{declared.ToString().ToLowerInvariant()}' does not match the input feed's environment '{expected}'.";
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
}
