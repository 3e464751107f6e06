using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Ingest;
using Switchyard.Hosting;
using Switchyard.Ingest;
using Switchyard.Json;

namespace Switchyard.WebSdk;

/// <summary>
/// The routes the mParticle Web SDK calls when its <c>domain</c> option points at Switchyard
/// (https://docs.mparticle.com/developers/sdk/web/initialization/): its configuration, its event batches (one batch per
/// POST, a JSON text body), forwarding statistics and alias requests. A web input's public key is in the path.
/// </summary>
internal static class WebSdkEndpoints
{
    public static IEndpointRouteBuilder MapWebSdk(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebSdkRoutes.Config, ConfigAsync).WithTags("Web SDK")
            .Answers<JsonElement>().FailsWith<RouteHandlerBuilder, ErrorBody>(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("The Web SDK's configuration for a web input (kits, flags).");
        endpoints.MapPost(WebSdkRoutes.Events, EventsAsync).WithTags("Web SDK")
            .TakesJson<BatchSchema>().AnswersEmpty(StatusCodes.Status202Accepted)
            .FailsWith<RouteHandlerBuilder, ErrorBody>(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests, StatusCodes.Status503ServiceUnavailable)
            .WithSummary("One batch from a page (text/plain JSON). 202 once stored; a re-sent source_request_id is stored once.");
        foreach (var path in new[] { WebSdkRoutes.ForwardingV1, WebSdkRoutes.ForwardingV2 })
        {
            endpoints.MapPost(path, ForwardingAsync).WithTags("Web SDK")
                .AnswersEmpty(StatusCodes.Status202Accepted).FailsWith<RouteHandlerBuilder, ErrorBody>(StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge)
                .WithSummary("A kit's forwarding statistics: accepted and not kept.");
        }

        endpoints.MapPost(WebSdkRoutes.Alias, AliasAsync).WithTags("Web SDK")
            .TakesJson<JsonElement>().AnswersEmpty(StatusCodes.Status202Accepted)
            .FailsWith<RouteHandlerBuilder, ErrorBody>(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests)
            .WithSummary("An alias request (source and destination MPIDs): checked and accepted; not applied.");
        return endpoints;
    }

    private static async Task ConfigAsync(HttpContext http, string key, FeedDirectory feeds, Core.Workspace.LiveWorkspace workspace)
    {
        if (await WebInputs.AdmitAsync(http, feeds, key, permits: 0).ConfigureAwait(false) is not { } entry)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            // Only what the SDK reads; URL keys and directURLRouting are left out so the page's domain stays in force.
            json.WriteStartObject();
            json.WriteString("appName", entry.Feed.Name);
            json.WriteString("workspaceToken", entry.Feed.Id);
            json.WriteStartArray("kitConfigs");
            // The SDK asks with env=1 in development mode and skips a kit whose isDebug differs from that mode.
            var development = http.Request.Query["env"] == "1";
            foreach (var connection in workspace.Current.KitConnectionsOf(entry.Feed.Id))
            {
                BrazeKitConfig.Write(json, connection.Kit!, development);
            }

            json.WriteEndArray();
            json.WriteStartArray("pixelConfigs");
            json.WriteEndArray();
            json.WriteStartObject("flags");
            json.WriteEndObject();
            json.WriteEndObject();
        }

        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
    }

    private static async Task EventsAsync(HttpContext http, string key, FeedDirectory feeds, IngestPipeline pipeline, TimeProvider time, ILogger<IngestPipeline> logger)
    {
        // The batch's own charge is taken when it is stored; here only the key and the origin are checked.
        if (await WebInputs.AdmitAsync(http, feeds, key, permits: 0).ConfigureAwait(false) is not { } entry)
        {
            pipeline.CountIfRefused(http);
            return;
        }

        // The SDK sends its JSON as text/plain (so a browser sends it without a preflight); JSON itself is taken too.
        if (!WebSdkContentTypes.IsJsonText(http.Request.ContentType))
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Content-Type must be text/plain or application/json, not '{http.Request.ContentType}'.").ConfigureAwait(false);
            pipeline.CountIfRefused(http);
            return;
        }

        using var body = await pipeline.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            pipeline.CountIfRefused(http);
            return;
        }

        var parsed = EventsApiParser.ParseBatch(body.Memory, new IngestParseOptions(time.GetUtcNow(), false, EventsApiLimits.MaxBatchBytes, EventsApiLimits.MaxBatchesPerRequest));
        var failure = parsed.Failure ?? (parsed.Refused.Count > 0 ? IngestFailure.Of(parsed.Refused) : null);
        if (failure is not null)
        {
            // 422, not 400: the Web SDK re-sends a batch answered 400 on every tick, for ever; a 4xx above 401 it drops.
            var status = failure.StatusCode == StatusCodes.Status400BadRequest ? StatusCodes.Status422UnprocessableEntity : failure.StatusCode;
            Log.BatchRejected(logger, entry.Feed.Id, status, failure.Errors[0].Code);
            await ErrorResponses.WriteAsync(http, status, new ErrorBody([.. failure.Errors.Select(e => new ErrorItem(e.Code, e.Message))])).ConfigureAwait(false);
            pipeline.CountIfRefused(http);
            return;
        }

        if (await pipeline.StoreAsync(http, entry, parsed.Batches).ConfigureAwait(false) is null)
        {
            pipeline.CountIfRefused(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static async Task ForwardingAsync(HttpContext http, string key, FeedDirectory feeds, IngestPipeline pipeline)
    {
        if (await WebInputs.AdmitAsync(http, feeds, key, permits: 0).ConfigureAwait(false) is null)
        {
            return;
        }

        // Read and dropped: the statistics say which events a kit sent, which the Braze sandbox already records.
        using var body = await pipeline.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is not null)
        {
            http.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    private static async Task AliasAsync(HttpContext http, string key, FeedDirectory feeds, IngestPipeline pipeline)
    {
        if (await WebInputs.AdmitAsync(http, feeds, key, permits: 1).ConfigureAwait(false) is null)
        {
            return;
        }

        // The SDK sends alias requests as application/json (with a preflight).
        if (!JsonContentType.IsJson(http.Request.ContentType))
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                $"Content-Type must be application/json, not '{http.Request.ContentType}'.").ConfigureAwait(false);
            return;
        }

        using var body = await pipeline.ReadBodyAsync(http).ConfigureAwait(false);
        if (body is null)
        {
            return;
        }

        if (AliasError(body.Memory) is { } error)
        {
            await ErrorResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "VALIDATION_ERROR", error).ConfigureAwait(false);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    /// <summary>The checks mParticle documents for an alias request (both MPIDs, different, a time range in order).</summary>
    private static string? AliasError(ReadOnlyMemory<byte> body)
    {
        using var document = Core.Identity.IdentityRequestParser.ReadObject(body);
        if (document is null)
        {
            return "body: not a JSON object (or a property name is repeated, or a string is not valid Unicode)";
        }

        {
            var root = document.RootElement;
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return "data: is required and must be an object";
            }

            if (!Core.Identity.IdentityRequestParser.Mpid(data, "source_mpid", out var source) || source is null)
            {
                return "data.source_mpid: is required and must be an MPID";
            }

            if (!Core.Identity.IdentityRequestParser.Mpid(data, "destination_mpid", out var destination) || destination is null)
            {
                return "data.destination_mpid: is required and must be an MPID";
            }

            if (source == destination)
            {
                return "data.destination_mpid: must differ from data.source_mpid";
            }

            long? from = null, to = null;
            foreach (var (name, set) in new (string, Action<long>)[] { ("start_unixtime_ms", v => from = v), ("end_unixtime_ms", v => to = v) })
            {
                if (!data.TryGetProperty(name, out var time) || time.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (time.ValueKind != JsonValueKind.Number || !time.TryGetInt64(out var ms) || ms < 0)
                {
                    return $"data.{name}: must be a time in Unix milliseconds";
                }

                set(ms);
            }

            if (from > to)
            {
                return "data.end_unixtime_ms: must not be before data.start_unixtime_ms";
            }

            return null;
        }
    }
}
