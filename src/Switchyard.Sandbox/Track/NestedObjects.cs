using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Nested custom attribute objects (reference/braze.md §1.3, [NCA]): ≤100 KB, keys ≤255 characters without spaces,
/// <c>.</c> or <c>$</c>, finite numbers only, dates as <c>{"$time": "..."}</c>. One bad value invalidates the whole attribute.
/// </summary>
internal static class NestedObjects
{
    public const int MaxBytes = 100 * 1024;
    public const int MaxDepth = 50;

    /// <summary>Validates and copies <paramref name="source"/>, turning <c>$time</c> objects into canonical times.</summary>
    public static JsonObject? Normalize(JsonObject source)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(source.ToJsonString()) > MaxBytes)
        {
            return null;
        }

        return NormalizeNode(source, 0) as JsonObject;
    }

    /// <summary>Billable keys of an object: every leaf (scalar, null or array) counts 1 (§4 "1 per key").</summary>
    public static int LeafCount(JsonObject obj)
    {
        var count = 0;
        foreach (var (_, value) in obj)
        {
            count += value is JsonObject nested && nested.Count > 0 ? LeafCount(nested) : 1;
        }

        return count;
    }

    /// <summary>
    /// Deep-merges <paramref name="patch"/> into <paramref name="target"/> (<c>_merge_objects</c>); a null in the patch
    /// removes the key (UNVERIFIED).
    /// </summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                Merge(targetObject, patchObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= CustomAttributeWriter.MaxStringLength
        && !key.Contains(' ', StringComparison.Ordinal)
        && !key.Contains('.', StringComparison.Ordinal)
        && !key.Contains('$', StringComparison.Ordinal);

    private static JsonNode? NormalizeNode(JsonNode? node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidNestedValueException();
        }

        switch (node)
        {
            case null:
                return null;
            case JsonObject obj when obj.Count == 1 && obj["$time"] is JsonValue time:
                return time.GetValueKind() == JsonValueKind.String && BrazeTime.TryParse(time.GetValue<string>(), out var parsed)
                    ? JsonValue.Create(BrazeTime.Format(parsed))
                    : throw new InvalidNestedValueException();
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    copy[IsValidKey(key) ? key : throw new InvalidNestedValueException()] = NormalizeNode(value, depth + 1);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(item => NormalizeNode(item, depth + 1)).ToArray());
            default:
                var scalar = node.AsValue();
                var tooLong = scalar.GetValueKind() == JsonValueKind.String && scalar.GetValue<string>().Length > CustomAttributeWriter.MaxStringLength;
                return tooLong || !FiniteNumbers.IsStorable(scalar)
                    ? throw new InvalidNestedValueException()
                    : scalar.DeepClone();
        }
    }

    public static JsonObject? TryNormalize(JsonObject source)
    {
        try
        {
            return Normalize(source);
        }
        catch (InvalidNestedValueException)
        {
            return null;
        }
    }
}
