using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>
/// A stored inbox batch as an <c>mparticle</c> output forwards it: the batch as received, plus the user identities the
/// profile has resolved, with the relay marker as its <c>source_request_id</c>, and this Switchyard's MPID only when asked.
/// </summary>
/// <remarks>
/// The marker (<c>switchyard-relay:</c> and a hash of the stored batch) does two things at a receiving Switchyard: a
/// retried request repeats the same id, so the receiver's per-feed <c>source_request_id</c> de-duplication keeps one copy;
/// and an <c>mparticle</c> output never forwards a batch that carries the marker (<see cref="IsRelayed"/>), so a batch
/// crosses at most one relay and can never come back to the Switchyard it came from, however outputs are pointed.
/// </remarks>
internal static class RelayedBatch
{
    public const string MarkerPrefix = "switchyard-relay:";

    /// <summary>Whether the batch arrived through a relay (its <c>source_request_id</c> carries the marker).</summary>
    public static bool IsRelayed(JsonObject batch) =>
        batch["source_request_id"] is JsonValue id && id.TryGetValue<string>(out var text) && text.StartsWith(MarkerPrefix, StringComparison.Ordinal);

    /// <summary>The stored batch parsed; null when it is not a JSON object (it was validated on the way in, so this is damage).</summary>
    public static JsonObject? Parse(byte[] payload)
    {
        try
        {
            return JsonNode.Parse(payload) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Adds the profile's identities, the marker and (when asked) the MPID to <paramref name="batch"/>.</summary>
    public static JsonObject Forwarded(JsonObject batch, byte[] storedPayload, Profile profile, bool includeMpid)
    {
        var identities = batch["user_identities"] as JsonObject;
        if (identities is null)
        {
            identities = [];
            batch["user_identities"] = identities;
        }

        foreach (var (type, value) in profile.UserIdentities.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            // The batch's own value wins: it is what the sender said in this batch.
            if (!identities.ContainsKey(type))
            {
                identities[type] = value;
            }
        }

        batch["source_request_id"] = MarkerPrefix + Convert.ToHexStringLower(SHA256.HashData(storedPayload))[..32];
        batch.Remove("mpid");
        if (includeMpid)
        {
            batch["mpid"] = profile.Mpid;
        }

        return batch;
    }
}
