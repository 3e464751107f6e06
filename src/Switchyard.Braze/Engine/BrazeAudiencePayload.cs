using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The payload of a Braze audience outbox item (docs/audience-sync.md): either <c>{"sync":true}</c>, bring the user's
/// membership attributes up to date with the profile, or <c>{"cleanup":[11036, …]}</c>, remove these audiences'
/// attributes from the user (a connection or audience that is going away).
/// </summary>
public sealed record BrazeAudiencePayload
{
    [JsonConstructor]
    internal BrazeAudiencePayload(bool sync, IReadOnlyList<int>? cleanup)
    {
        Sync = sync;
        Cleanup = cleanup;
    }

    /// <summary>Bring this user's membership attributes up to date.</summary>
    [JsonPropertyName("sync")]
    public bool Sync { get; }

    /// <summary>The audiences whose attributes are removed from this user; null on a sync item.</summary>
    [JsonPropertyName("cleanup")]
    public IReadOnlyList<int>? Cleanup { get; }

    /// <summary>The payload text of a sync item.</summary>
    public static string CreateSync() =>
        JsonSerializer.Serialize(new BrazeAudiencePayload(true, null), BrazeAudiencePayloadJsonContext.Default.BrazeAudiencePayload);

    /// <summary>The payload text of a clean-up item for these audiences (ids ascending, each once).</summary>
    public static string CreateCleanup(IReadOnlyCollection<int> audienceIds)
    {
        ArgumentNullException.ThrowIfNull(audienceIds);
        if (audienceIds.Count == 0)
        {
            throw new ArgumentException("A clean-up names at least one audience.", nameof(audienceIds));
        }

        var ids = audienceIds.Distinct().Order().ToArray();
        return JsonSerializer.Serialize(new BrazeAudiencePayload(false, ids), BrazeAudiencePayloadJsonContext.Default.BrazeAudiencePayload);
    }

    /// <summary>Reads a payload; false for anything that is not exactly one of the two shapes.</summary>
    public static bool TryRead(string? payload, [NotNullWhen(true)] out BrazeAudiencePayload? result)
    {
        result = null;
        if (string.IsNullOrEmpty(payload))
        {
            return false;
        }

        try
        {
            result = JsonSerializer.Deserialize(payload, BrazeAudiencePayloadJsonContext.Default.BrazeAudiencePayload);
        }
        catch (JsonException)
        {
            return false;
        }

        var valid = result is not null && (result.Sync ? result.Cleanup is null : result.Cleanup is { Count: > 0 });
        if (!valid)
        {
            result = null;
        }

        return valid;
    }
}
