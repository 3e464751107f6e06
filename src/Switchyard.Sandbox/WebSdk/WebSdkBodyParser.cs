using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Track;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// Reads the envelope the Braze Web SDK posts to <c>/data/</c>: <c>device_id</c>, <c>user_id</c>, <c>events[]</c> and
/// <c>attributes[]</c> (the SDK's wire format is internal to Braze; observed from <c>@braze/web-sdk</c> 6.13.0). Only the
/// shape is checked here; names and values are judged by the /users/track rules the objects are turned into.
/// Other envelope keys (<c>time</c>, <c>sdk_version</c>, <c>device</c>, <c>respond_with</c>, …) are not used.
/// </summary>
internal static partial class WebSdkBodyParser
{
    /// <summary>Braze limits a user id to 997 bytes.</summary>
    public const int MaxUserIdBytes = 997;

    /// <summary>The batch, or the field that makes the body unusable; both null when the body names no device.</summary>
    public static (WebSdkBatch? Batch, WebSdkFieldError? Error) Parse(JsonObject body)
    {
        if (body["device_id"] is not { } deviceNode || deviceNode.GetValueKind() == JsonValueKind.Null)
        {
            return (null, null);
        }

        if (!ObjectIdentity.IsNonEmptyString(deviceNode, out var deviceId))
        {
            return (null, new("device_id", "must be a non-empty string"));
        }

        var batch = new WebSdkBatch(deviceId!);
        WebSdkFieldError? error;
        if ((error = UserId(body, "user_id", null, out var userId)) is not null
            || (error = Array(body, "events", out var events)) is not null
            || (error = Array(body, "attributes", out var attributes)) is not null)
        {
            return (null, error);
        }

        for (var i = 0; i < (attributes?.Count ?? 0); i++)
        {
            if ((error = ParseAttributes(batch, attributes![i], $"attributes[{i}]", userId)) is not null)
            {
                return (null, error);
            }
        }

        for (var i = 0; i < (events?.Count ?? 0); i++)
        {
            if ((error = ParseEvent(batch, events![i], $"events[{i}]", userId)) is not null)
            {
                return (null, error);
            }
        }

        return (batch, null);
    }

    private static WebSdkFieldError? Array(JsonObject body, string name, out JsonArray? array)
    {
        array = null;
        if (body[name] is not { } node || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        array = node as JsonArray;
        return array is null ? new(name, "must be an array of objects") : null;
    }

    /// <summary>An object's own <c>user_id</c>, else the envelope's (the 4.x SDK bundled in the mParticle kit sends it there).</summary>
    private static WebSdkFieldError? UserId(JsonObject obj, string field, string? fallback, out string? userId)
    {
        userId = fallback;
        if (obj["user_id"] is not { } node || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }

        if (!ObjectIdentity.IsNonEmptyString(node, out userId) || Encoding.UTF8.GetByteCount(userId!) > MaxUserIdBytes)
        {
            return new(field, $"must be a non-empty string of at most {MaxUserIdBytes} bytes");
        }

        return null;
    }
}
