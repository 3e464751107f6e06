using System.Text.Json;
using Switchyard.Braze.Delivery;

namespace Switchyard.Braze.Client;

/// <summary>
/// The parts of a <c>/users/track</c> answer the client reads: <c>message</c> and <c>errors[{type,input_array,index}]</c>
/// (reference/braze.md §1.7). Anything that is not JSON, or not of that shape, reads as no message and no errors.
/// </summary>
internal sealed record BrazeTrackAnswer(string? Message, IReadOnlyList<BrazeTrackError> Errors)
{
    private const int MaxMessageLength = 500;

    private static readonly BrazeTrackAnswer Empty = new(null, []);

    public static BrazeTrackAnswer Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Empty;
            }

            string? message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (message is { Length: > MaxMessageLength })
            {
                message = message[..MaxMessageLength];
            }

            var errors = new List<BrazeTrackError>();
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object)
                    {
                        errors.Add(ReadError(item));
                    }
                }
            }

            return new BrazeTrackAnswer(message, errors);
        }
        catch (JsonException)
        {
            return Empty;
        }
    }

    private static BrazeTrackError ReadError(JsonElement item)
    {
        var type = item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        BrazeTrackArray? array = item.TryGetProperty("input_array", out var a) && a.ValueKind == JsonValueKind.String
            ? a.GetString() switch
            {
                "attributes" => BrazeTrackArray.Attributes,
                "events" => BrazeTrackArray.Events,
                "purchases" => BrazeTrackArray.Purchases,
                _ => null,
            }
            : null;
        int? index = item.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number && i.TryGetInt32(out var n) ? n : null;
        if (type is { Length: > MaxMessageLength })
        {
            type = type[..MaxMessageLength];
        }

        return new BrazeTrackError(type ?? "unknown error", array, index);
    }
}
