using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The payload of a Braze outbox item: only the inbox sequence of the batch. The engine maps at delivery time from the
/// stored batch and the current profile, so a retried item sends what the user looks like now, not then. A refresh item
/// (<c>{"refresh": true}</c>, queued by a reconcile) has no batch: it brings the user's attributes up to date from the
/// profile alone.
/// </summary>
public sealed record BrazeOutboxPayload([property: JsonPropertyName("seq")] long Sequence, [property: JsonPropertyName("refresh"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Refresh = false)
{
    /// <summary>The payload text of a refresh item: the user's profile attributes, no events.</summary>
    public static string CreateRefresh() =>
        JsonSerializer.Serialize(new BrazeOutboxPayload(0, Refresh: true), BrazeOutboxPayloadJsonContext.Default.BrazeOutboxPayload);

    /// <summary>The payload text for the batch with this inbox sequence.</summary>
    public static string Create(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return JsonSerializer.Serialize(new BrazeOutboxPayload(sequence), BrazeOutboxPayloadJsonContext.Default.BrazeOutboxPayload);
    }

    /// <summary>Reads a payload; false for anything that is not <c>{"seq": n}</c> with n ≥ 1 or <c>{"refresh": true}</c>.</summary>
    public static bool TryRead(string? payload, [NotNullWhen(true)] out BrazeOutboxPayload? result)
    {
        result = null;
        if (string.IsNullOrEmpty(payload))
        {
            return false;
        }

        try
        {
            result = JsonSerializer.Deserialize(payload, BrazeOutboxPayloadJsonContext.Default.BrazeOutboxPayload);
        }
        catch (JsonException)
        {
            return false;
        }

        if (result is null || (result.Sequence < 1 && !result.Refresh))
        {
            result = null;
            return false;
        }

        return true;
    }
}
