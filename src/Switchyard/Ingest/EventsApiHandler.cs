using Microsoft.AspNetCore.Http;
using Switchyard.Core.Ingest;

namespace Switchyard.Ingest;

/// <summary>
/// Answers the Events API: authenticate the feed, bound the body, parse and validate every batch, then the shared
/// <see cref="IngestPipeline"/> holds the feed to its rate and appends the batches to the durable inbox; only then
/// 202. A request is taken whole or not at all, so a 4xx never leaves part of a request stored.
/// </summary>
internal sealed class EventsApiHandler(IngestPipeline pipeline, TimeProvider time)
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

        if (await pipeline.StoreAsync(http, feed, parsed.Batches).ConfigureAwait(false) is not null)
        {
            http.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }
}
