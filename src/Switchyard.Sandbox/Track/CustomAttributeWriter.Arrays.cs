using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Arrays of scalars (reference/braze.md §1.3): values are unique, a re-added value moves to the end, and beyond the
/// cap the oldest values are dropped. Whole-array set bills 1, each added or removed value bills 1 (§4).
/// </summary>
internal static partial class CustomAttributeWriter
{
    private static int SetArray(SandboxUser user, string key, JsonArray array, int arrayCap)
    {
        if (array.Count > 0 && array.All(item => item is JsonObject))
        {
            return SetObjectArray(user, key, array);
        }

        if (!TryNormalizeScalars(array, out var values))
        {
            return 0;
        }

        var result = new JsonArray();
        AddUnique(result, values, arrayCap);
        user.CustomAttributes[key] = result;
        return 1;
    }

    private static int EditArray(SandboxUser user, string key, JsonObject edit, int arrayCap)
    {
        var add = new List<JsonNode>();
        var remove = new List<JsonNode>();
        if ((edit["add"] is { } addNode && (addNode is not JsonArray addArray || !TryNormalizeScalars(addArray, out add)))
            || (edit["remove"] is { } removeNode && (removeNode is not JsonArray removeArray || !TryNormalizeScalars(removeArray, out remove))))
        {
            return 0;
        }

        // A non-array current value is replaced, as Braze converts the attribute to an array (UNVERIFIED).
        var current = user.CustomAttributes.TryGetValue(key, out var existing) && existing is JsonArray existingArray
            ? (JsonArray)existingArray.DeepClone()
            : [];

        // "add" is applied before "remove" when both are present (order UNVERIFIED).
        AddUnique(current, add, arrayCap);
        foreach (var value in remove)
        {
            RemoveAll(current, value);
        }

        user.CustomAttributes[key] = current;
        return add.Count + remove.Count;
    }

    private static void AddUnique(JsonArray target, IEnumerable<JsonNode> values, int arrayCap)
    {
        foreach (var value in values)
        {
            RemoveAll(target, value);
            target.Add(value.DeepClone());
        }

        while (target.Count > arrayCap)
        {
            target.RemoveAt(0);
        }
    }

    private static void RemoveAll(JsonArray target, JsonNode value)
    {
        for (var i = target.Count - 1; i >= 0; i--)
        {
            if (JsonNode.DeepEquals(target[i], value))
            {
                target.RemoveAt(i);
            }
        }
    }

    /// <summary>Arrays are one-dimensional (§1.3): only strings (≤255), finite numbers and booleans are accepted.</summary>
    private static bool TryNormalizeScalars(JsonArray array, out List<JsonNode> values)
    {
        values = new List<JsonNode>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonValue scalar || scalar.GetValueKind() == JsonValueKind.Null)
            {
                return false;
            }

            if ((scalar.GetValueKind() == JsonValueKind.String && scalar.GetValue<string>().Length > MaxStringLength)
                || !FiniteNumbers.IsStorable(scalar))
            {
                return false;
            }

            // Array members are kept as sent: dates inside arrays are not converted to times (§1.4 says the same of events).
            values.Add(scalar.DeepClone());
        }

        return true;
    }
}
