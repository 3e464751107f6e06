using System.Text.Json.Nodes;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Track;

/// <summary>
/// Nested objects and arrays of objects (reference/braze.md §1.3, [NCA], [AOO]). Billing (§4): 1 per key of an object;
/// creating objects in an array bills 1 per property per item; an update bills 1 per property it sets; a removal
/// bills 1 per <c>$remove</c> entry (UNVERIFIED).
/// </summary>
internal static partial class CustomAttributeWriter
{
    private static int SetNestedObject(SandboxUser user, string key, JsonObject obj, bool mergeObjects)
    {
        if (NestedObjects.TryNormalize(obj) is not { } normalized)
        {
            return 0;
        }

        if (mergeObjects && user.CustomAttributes.TryGetValue(key, out var existing) && existing is JsonObject current)
        {
            var merged = (JsonObject)current.DeepClone();
            NestedObjects.Merge(merged, normalized);
            user.CustomAttributes[key] = merged;
        }
        else
        {
            user.CustomAttributes[key] = normalized;
        }

        return Math.Max(1, NestedObjects.LeafCount(normalized));
    }

    private static int SetObjectArray(SandboxUser user, string key, JsonArray array)
    {
        if (!TryNormalizeObjects(array, out var items))
        {
            return 0;
        }

        user.CustomAttributes[key] = new JsonArray(items.Cast<JsonNode?>().ToArray());
        return items.Sum(NestedObjects.LeafCount);
    }

    private static int EditObjectArray(SandboxUser user, string key, JsonObject edit, bool mergeObjects)
    {
        var current = user.CustomAttributes.TryGetValue(key, out var existing) && existing is JsonArray existingArray
            ? (JsonArray)existingArray.DeepClone()
            : [];
        var dataPoints = 0;
        foreach (var (operation, argument) in edit)
        {
            if (argument is not JsonArray entries)
            {
                return 0;
            }

            var billed = operation switch
            {
                "$add" => AddObjects(current, entries),
                "$update" => mergeObjects ? UpdateObjects(current, entries) : 0,
                _ => RemoveObjects(current, entries),
            };
            if (billed < 0)
            {
                return 0;
            }

            dataPoints += billed;
        }

        user.CustomAttributes[key] = current;
        return dataPoints;
    }

    private static int AddObjects(JsonArray current, JsonArray entries)
    {
        if (!TryNormalizeObjects(entries, out var items))
        {
            return -1;
        }

        foreach (var item in items)
        {
            current.Add(item);
        }

        return items.Sum(NestedObjects.LeafCount);
    }

    // §1.3: $update needs _merge_objects; each entry names the key and value that select the objects to patch.
    private static int UpdateObjects(JsonArray current, JsonArray entries)
    {
        var billed = 0;
        foreach (var entry in entries)
        {
            if (!TrySelector(entry, out var selectorKey, out var selectorValue)
                || entry!["$new_object"] is not JsonObject patchSource
                || NestedObjects.TryNormalize(patchSource) is not { } patch)
            {
                return -1;
            }

            foreach (var item in current.OfType<JsonObject>().Where(o => JsonNode.DeepEquals(o[selectorKey], selectorValue)))
            {
                NestedObjects.Merge(item, patch);
            }

            billed += NestedObjects.LeafCount(patch);
        }

        return billed;
    }

    // §1.3: $remove drops every object matching the selector.
    private static int RemoveObjects(JsonArray current, JsonArray entries)
    {
        foreach (var entry in entries)
        {
            if (!TrySelector(entry, out var selectorKey, out var selectorValue))
            {
                return -1;
            }

            for (var i = current.Count - 1; i >= 0; i--)
            {
                if (current[i] is JsonObject o && JsonNode.DeepEquals(o[selectorKey], selectorValue))
                {
                    current.RemoveAt(i);
                }
            }
        }

        return entries.Count;
    }

    private static bool TrySelector(JsonNode? entry, out string selectorKey, out JsonNode? selectorValue)
    {
        selectorKey = string.Empty;
        selectorValue = null;
        if (entry is not JsonObject obj || !ObjectIdentity.IsNonEmptyString(obj["$identifier_key"], out var key) || !obj.ContainsKey("$identifier_value"))
        {
            return false;
        }

        selectorKey = key!;
        selectorValue = obj["$identifier_value"];
        return true;
    }

    private static bool TryNormalizeObjects(JsonArray array, out List<JsonObject> items)
    {
        items = [];
        if (System.Text.Encoding.UTF8.GetByteCount(array.ToJsonString()) > NestedObjects.MaxBytes)
        {
            return false;
        }

        foreach (var item in array)
        {
            if (item is not JsonObject obj || NestedObjects.TryNormalize(obj) is not { } normalized)
            {
                return false;
            }

            items.Add(normalized);
        }

        return true;
    }
}
