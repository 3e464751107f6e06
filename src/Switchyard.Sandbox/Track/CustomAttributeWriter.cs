using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Time;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Applies one custom attribute (reference/braze.md §1.3) and returns the data points it bills (§4). A value the
/// sandbox cannot apply is ignored and bills 0: Braze reports such values as processed without storing them ([SYNC]),
/// so they never fail the whole object.
/// </summary>
internal static partial class CustomAttributeWriter
{
    public const int MaxStringLength = 255;

    public static int Apply(SandboxUser user, string key, JsonNode? value, bool mergeObjects, int arrayCap)
    {
        if (!IsValidKey(key))
        {
            return 0;
        }

        switch (value)
        {
            case null:
                // §1.3: null removes the attribute; §4: a null write still bills 1.
                user.CustomAttributes.Remove(key);
                return 1;
            case JsonValue scalar:
                return SetScalar(user, key, scalar);
            case JsonArray array:
                return SetArray(user, key, array, arrayCap);
            case JsonObject obj:
                return ApplyObject(user, key, obj, mergeObjects, arrayCap);
            default:
                return 0;
        }
    }

    private static bool IsValidKey(string key) => key.Length is > 0 and <= MaxStringLength && key[0] != '$';

    private static int SetScalar(SandboxUser user, string key, JsonValue scalar)
    {
        if (scalar.GetValueKind() == JsonValueKind.Null)
        {
            user.CustomAttributes.Remove(key);
            return 1;
        }

        if (NormalizeScalar(scalar) is not { } stored)
        {
            return 0;
        }

        user.CustomAttributes[key] = stored;
        return 1;
    }

    /// <summary>
    /// Strings over 255 characters and numbers beyond a finite double are not stored. Date-like strings become times, kept as canonical ISO-8601 UTC,
    /// unless the year is outside 0..3000, which Braze keeps as a string (§1.3).
    /// </summary>
    internal static JsonNode? NormalizeScalar(JsonValue scalar)
    {
        switch (scalar.GetValueKind())
        {
            case JsonValueKind.String:
                var text = scalar.GetValue<string>();
                if (text.Length > MaxStringLength)
                {
                    return null;
                }

                return BrazeTime.TryParse(text, out var time) && time.Year <= 3000
                    ? JsonValue.Create(BrazeTime.Format(time))
                    : JsonValue.Create(text);
            case JsonValueKind.Number:
                return FiniteNumbers.TryRead(scalar, out _) ? scalar.DeepClone() : null;
            case JsonValueKind.True:
            case JsonValueKind.False:
                return scalar.DeepClone();
            default:
                return null;
        }
    }

    private static int ApplyObject(SandboxUser user, string key, JsonObject obj, bool mergeObjects, int arrayCap)
    {
        if (obj.Count == 1 && obj["inc"] is JsonValue increment)
        {
            return Increment(user, key, increment);
        }

        if (obj.Count == 1 && obj["$time"] is JsonValue timeValue)
        {
            if (timeValue.GetValueKind() != JsonValueKind.String || !BrazeTime.TryParse(timeValue.GetValue<string>(), out var time))
            {
                return 0;
            }

            user.CustomAttributes[key] = JsonValue.Create(BrazeTime.Format(time));
            return 1;
        }

        if (obj.Count > 0 && obj.All(p => p.Key is "add" or "remove"))
        {
            return EditArray(user, key, obj, arrayCap);
        }

        if (obj.Count > 0 && obj.All(p => p.Key is "$add" or "$update" or "$remove"))
        {
            return EditObjectArray(user, key, obj, mergeObjects);
        }

        return SetNestedObject(user, key, obj, mergeObjects);
    }

    private static int Increment(SandboxUser user, string key, JsonValue increment)
    {
        // §1.3: "inc" takes an integer, possibly negative.
        if (increment.GetValueKind() != JsonValueKind.Number || !increment.TryGetValue<long>(out var by))
        {
            return 0;
        }

        if (!user.CustomAttributes.TryGetValue(key, out var current) || current.GetValueKind() != JsonValueKind.Number)
        {
            user.CustomAttributes[key] = JsonValue.Create(by);
            return 1;
        }

        if (IncrementedValue(current.AsValue(), by) is not { } next)
        {
            // A result no double can hold is a value Braze could not store: ignored, billed 0.
            return 0;
        }

        user.CustomAttributes[key] = next;
        return 1;
    }

    /// <summary>
    /// Whole numbers add exactly while they fit a long, then continue as doubles rather than wrap to a negative value;
    /// a fractional current value adds as a double. Null when the sum is not finite.
    /// </summary>
    private static JsonValue? IncrementedValue(JsonValue current, long by)
    {
        if (current.TryGetValue<long>(out var whole))
        {
            return TryAddExactly(whole, by, out var sum) ? JsonValue.Create(sum) : JsonValue.Create((double)whole + by);
        }

        if (!FiniteNumbers.TryRead(current, out var number) || !double.IsFinite(number + by))
        {
            return null;
        }

        return JsonValue.Create(number + by);
    }

    private static bool TryAddExactly(long left, long right, out long sum)
    {
        try
        {
            sum = checked(left + right);
            return true;
        }
        catch (OverflowException)
        {
            sum = 0;
            return false;
        }
    }
}
