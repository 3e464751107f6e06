using Microsoft.AspNetCore.Http;
using Switchyard.Core.Ingest;
using Switchyard.Core.Ingest.Currents;
using Switchyard.Json;

namespace Switchyard.Ingest;

/// <summary>
/// Answers <c>POST /v2/currents</c>, where Braze's Custom HTTP Currents connector posts (reference/braze.md §6): each
/// event becomes the mParticle batch Braze's mParticle export would send (reference/mparticle.md §5) and then takes the
/// same path as <c>/v2/bulkevents</c> on a Braze feed, so a redelivered event id is stored once. 202 only after commit.
/// </summary>
internal sealed class CurrentsHandler(IngestPipeline pipeline, IngestMetrics metrics, TimeProvider time)
{
    public async Task HandleAsync(HttpContext http)
    {
        await HandleCoreAsync(http).ConfigureAwait(false);
        pipeline.CountIfRefused(http);
    }

    private async Task HandleCoreAsync(HttpContext http)
    {
        if (await pipeline.AdmitAsync(http, BearerCredentials.Accepted, brazeFeedsOnly: true).ConfigureAwait(false) is not { } feed)
        {
            return;
        }

        using var body = await pipeline.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        var options = new CurrentsParseOptions(
            feed.Feed.Environment ?? "production",
            new IngestParseOptions(time.GetUtcNow(), Historical: false, EventsApiLimits.MaxBatchBytes, EventsApiLimits.MaxBatchesPerRequest),
            EventsApiLimits.MaxBatchesPerRequest);
        var parsed = CurrentsParser.Parse(body.Memory, options);
        if (parsed.Failure is { } failure)
        {
            await pipeline.RefuseAsync(http, feed, failure).ConfigureAwait(false);
            return;
        }

        if (await pipeline.StoreAsync(http, feed, parsed.Batches).ConfigureAwait(false) is not { } stored)
        {
            return;
        }

        metrics.CurrentsReceived(feed.Feed.Id, parsed.Received, parsed.SkippedWithoutExternalId);
        var answer = new CurrentsAnswer(parsed.Received, stored.StoredCount, stored.DuplicateCount, parsed.SkippedWithoutExternalId);
        http.Response.StatusCode = StatusCodes.Status202Accepted;
        await http.Response.WriteAsJsonAsync(answer, HostJson.Context.CurrentsAnswer, contentType: "application/json", http.RequestAborted).ConfigureAwait(false);
    }
}
