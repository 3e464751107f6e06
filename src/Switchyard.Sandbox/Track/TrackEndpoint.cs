using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Auth;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Users;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.Track;

/// <summary><c>POST /users/track</c> (reference/braze.md §1). Unknown top-level keys and headers are ignored (§1.1).</summary>
internal sealed class TrackEndpoint(UserStore store, ILogger<TrackEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var read = await RequestBodyReader.ReadObjectAsync(context).ConfigureAwait(false);
        if (read.Error is not null)
        {
            return read.Error;
        }

        var body = read.Body!;
        if (!TryGetArray(body, TrackArrays.Attributes, out var attributes, out var shapeError)
            || !TryGetArray(body, TrackArrays.Events, out var events, out shapeError)
            || !TryGetArray(body, TrackArrays.Purchases, out var purchases, out shapeError))
        {
            return WireResults.BadRequest(shapeError!);
        }

        if (BatchLimitError(store.Settings.BatchRule, attributes?.Count ?? 0, events?.Count ?? 0, purchases?.Count ?? 0) is { } limitError)
        {
            return WireResults.BadRequest(limitError);
        }

        if ((attributes?.Count ?? 0) + (events?.Count ?? 0) + (purchases?.Count ?? 0) == 0)
        {
            return Respond(TrackErrors.AllInvalid, StatusCodes.Status400BadRequest, attributes, events, purchases, new TrackOutcome());
        }

        var apiKey = context.Items[SandboxAuthentication.ApiKeyItemKey] as string;
        var outcome = store.Write(apiKey, session => TrackProcessor.Process(session, attributes, events, purchases));
        Log.TrackProcessed(logger, outcome.AttributesProcessed, outcome.EventsProcessed, outcome.PurchasesProcessed, outcome.Errors.Count);
        return outcome.TotalProcessed == 0
            ? Respond(TrackErrors.AllInvalid, StatusCodes.Status400BadRequest, attributes, events, purchases, outcome)
            : Respond("success", StatusCodes.Status201Created, attributes, events, purchases, outcome);
    }

    private static IResult Respond(string message, int status, JsonArray? attributes, JsonArray? events, JsonArray? purchases, TrackOutcome outcome)
    {
        var response = new TrackResponse(
            message,
            attributes is { Count: > 0 } ? outcome.AttributesProcessed : null,
            events is { Count: > 0 } ? outcome.EventsProcessed : null,
            purchases is { Count: > 0 } ? outcome.PurchasesProcessed : null,
            outcome.Errors.Count > 0 || status != StatusCodes.Status201Created ? outcome.Errors : null);
        return Results.Json(response, SandboxJsonContext.Wire.TrackResponse, statusCode: status);
    }

    private static bool TryGetArray(JsonObject body, string name, out JsonArray? array, out string? error)
    {
        array = null;
        error = null;
        var node = body[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return true;
        }

        array = node as JsonArray;
        error = array is null ? $"'{name}' must be an array of objects" : null;
        return array is not null;
    }

    /// <summary>§1.8: the object limit depends on the plan, hence <see cref="SandboxBatchRule"/>.</summary>
    internal static string? BatchLimitError(SandboxBatchRule rule, int attributes, int events, int purchases) => rule switch
    {
        SandboxBatchRule.PerArray75 when attributes > 75 || events > 75 || purchases > 75 =>
            "Max Input Length Exceeded: each of 'attributes', 'events' and 'purchases' may hold at most 75 objects",
        SandboxBatchRule.Combined75 when attributes + events + purchases > 75 =>
            "Max Input Length Exceeded: at most 75 attributes, events and purchases objects combined per request",
        SandboxBatchRule.Combined50 when attributes + events + purchases > 50 =>
            "Max Input Length Exceeded: at most 50 attributes, events and purchases objects combined per request",
        _ => null,
    };
}
