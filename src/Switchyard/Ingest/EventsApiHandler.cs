using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Ingest;
using Switchyard.Json;

namespace Switchyard.Ingest;

/// <summary>
/// Answers the Events API: authenticate the feed, bound the body, parse and validate every batch, then the shared
/// <see cref="IngestPipeline"/> holds the feed to its rate and appends the valid batches to the durable inbox; only
/// then 202. A bulk request whose batches partly fail stores the valid ones and answers 202 with a report of the
/// refused ones, as mParticle accepts such a request (https://docs.mparticle.com/developers/apis/http/); a request
/// with no valid batch, or any invalid batch on a strict input, is refused whole, so a 4xx never leaves part of a
/// request stored.
/// </summary>
internal sealed class EventsApiHandler(IngestPipeline pipeline, IngestMetrics metrics, TimeProvider time, ILogger<EventsApiHandler> logger)
{
    public async Task HandleAsync(HttpContext http, IngestRoute route)
    {
        await HandleCoreAsync(http, route).ConfigureAwait(false);
        pipeline.CountIfRefused(http);
    }

    private async Task HandleCoreAsync(HttpContext http, IngestRoute route)
    {
        if (await pipeline.AdmitAsync(http, BearerCredentials.Refused, brazeFeedsOnly: false).ConfigureAwait(false) is not { } feed)
        {
            return;
        }

        using var body = await pipeline.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var options = new IngestParseOptions(time.GetUtcNow(), route == IngestRoute.Historical, EventsApiLimits.MaxBatchBytes, EventsApiLimits.MaxBatchesPerRequest);
        var parsed = route == IngestRoute.Events
            ? EventsApiParser.ParseBatch(body.Memory, options)
            : EventsApiParser.ParseBulk(body.Memory, options);
        if (parsed.Failure is { } failure)
        {
            await pipeline.RefuseAsync(http, feed, failure).ConfigureAwait(false);
            return;
        }

        var (accepted, refused) = route == IngestRoute.Events
            ? (parsed.Batches, parsed.Refused)
            : SplitByEnvironment(feed, parsed);
        if (refused.Count > 0 && (feed.Feed.Strict || accepted.Count == 0))
        {
            await pipeline.RefuseAsync(http, feed, IngestFailure.Of(refused)).ConfigureAwait(false);
            return;
        }

        if (await pipeline.StoreAsync(http, feed, accepted, historical: route == IngestRoute.Historical).ConfigureAwait(false) is null)
        {
            return;
        }

        http.Response.StatusCode = StatusCodes.Status202Accepted;
        metrics.NamesTruncated(feed.Feed.Id, accepted.Sum(b => b.TruncatedNames));
        if (refused.Count > 0)
        {
            Log.BatchesRefusedInAcceptedRequest(logger, feed.Feed.Id, refused.Count, refused[0].Code);
            metrics.BatchesRefusedInAcceptedRequest(feed.Feed.Id, refused);
            var answer = new BulkAnswer(accepted.Count, [.. refused.Select(r => new RefusedBatch(r.Index, [.. r.Errors.Select(e => new ErrorItem(e.Code, e.Message))]))]);
            await http.Response.WriteAsJsonAsync(answer, HostJson.Context.BulkAnswer, contentType: "application/json", http.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>A batch declaring another environment than its feed's is refused on its own, like any invalid batch.</summary>
    private static (IReadOnlyList<ParsedBatch> Accepted, IReadOnlyList<BatchRefusal> Refused) SplitByEnvironment(FeedEntry feed, IngestParseResult parsed)
    {
        List<ParsedBatch>? accepted = null;
        List<BatchRefusal>? mismatched = null;
        for (var i = 0; i < parsed.Batches.Count; i++)
        {
            var batch = parsed.Batches[i];
            if (IngestPipeline.EnvironmentMismatch(feed, batch.Batch, batch.Index) is { } mismatch)
            {
                accepted ??= [.. parsed.Batches.Take(i)];
                (mismatched ??= []).Add(new BatchRefusal(batch.Index, [new IngestError("ENVIRONMENT_MISMATCH", mismatch)]));
            }
            else
            {
                accepted?.Add(batch);
            }
        }

        return mismatched is null
            ? (parsed.Batches, parsed.Refused)
            : (accepted!, [.. parsed.Refused.Concat(mismatched).OrderBy(r => r.Index)]);
    }
}
