using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// <c>POST /api/v3/data/</c>: the Braze Web SDK's events and attributes, applied to the same users as /users/track
/// through the same processing, billed under the SDK key. A body is applied whole or not at all: a refused object
/// refuses the request (400 naming it), so an SDK that sends it again cannot apply the rest twice.
/// </summary>
internal sealed class WebSdkDataEndpoint(UserStore store, SandboxSettings settings, ILogger<WebSdkDataEndpoint> logger)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (body, key, refusal) = await WebSdkEnvelope.ReadAsync(context, settings).ConfigureAwait(false);
        if (refusal is not null)
        {
            Log.WebSdkRefused(logger, WebSdkPaths.Data, "body or SDK key");
            return refusal;
        }

        var (batch, error) = WebSdkBodyParser.Parse(body!);
        if (error is not null)
        {
            Log.WebSdkRefused(logger, WebSdkPaths.Data, error.Field);
            return WebSdkReplies.BadRequest(error.Field, error.Message);
        }

        if (batch is null)
        {
            return WebSdkReplies.Dropped("no_device_identifier", "'device_id' is required.");
        }

        if (batch.IsEmpty)
        {
            return WebSdkReplies.Ok();
        }

        var applied = store.WriteIf(key, session => Apply(session, batch), refused => refused is null);
        if (applied is not null)
        {
            Log.WebSdkRefused(logger, WebSdkPaths.Data, applied.Field);
            return WebSdkReplies.BadRequest(applied.Field, applied.Message);
        }

        Log.WebSdkDataApplied(logger, batch.Attributes.Count, batch.Events.Count, batch.Purchases.Count, batch.SessionStarts.Count);
        return WebSdkReplies.Ok();
    }

    /// <summary>Null when every object was applied, else the first refused one.</summary>
    private static WebSdkFieldError? Apply(UserWriteSession session, WebSdkBatch batch)
    {
        foreach (var userId in batch.UserIds)
        {
            WebSdkDevice.IdentifyAnonymousUser(session, batch.DeviceId, userId);
        }

        foreach (var start in batch.SessionStarts)
        {
            if (WebSdkSessions.Record(session, start) is { } sessionError)
            {
                return sessionError;
            }
        }

        var outcome = TrackProcessor.Process(session, batch.Attributes, batch.Events, batch.Purchases);
        if (outcome.Errors.Count == 0)
        {
            return null;
        }

        var first = outcome.Errors[0];
        var sources = first.InputArray switch
        {
            TrackArrays.Attributes => batch.AttributeSources,
            TrackArrays.Events => batch.EventSources,
            _ => batch.PurchaseSources,
        };
        return new WebSdkFieldError(sources[first.Index], "was refused: " + first.Type);
    }
}
