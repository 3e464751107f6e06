using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchyard.Testing.Hostile;

/// <summary>
/// Builds bodies from an accepted sample: each value replaced in turn by each corpus value, and each object given each
/// corpus property name. The body is written out by hand, since what goes in (invalid UTF-8, <c>NaN</c>, a repeated
/// name) is exactly what a JSON writer refuses to write.
/// </summary>
internal static class JsonMutations
{
    public static IEnumerable<JsonMutation> Of(
        string sample,
        IReadOnlyList<(string Name, byte[] Json, HostileExpectation Expect)> values,
        IReadOnlyList<(string Name, byte[]? Property, HostileExpectation Expect)> names)
    {
        var root = JsonNode.Parse(sample);
        var leaves = new List<string>();
        var objects = new List<(string Path, JsonObject Object)>();
        Collect(root, "$", leaves, objects);
        foreach (var leaf in leaves)
        {
            foreach (var (name, json, expect) in values)
            {
                yield return new(leaf, name, Write(root, new Change(leaf, json, null, null)), expect);
            }
        }

        foreach (var (path, obj) in objects)
        {
            foreach (var (name, property, expect) in names)
            {
                var added = property ?? Repeated(obj);
                if (added is not null)
                {
                    yield return new(path, name, Write(root, new Change(null, null, path, added)), expect);
                }
            }
        }
    }

    private static void Collect(JsonNode? node, string path, List<string> leaves, List<(string, JsonObject)> objects)
    {
        switch (node)
        {
            case JsonObject obj:
                objects.Add((path, obj));
                foreach (var (name, value) in obj)
                {
                    Collect(value, path + "." + name, leaves, objects);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Collect(array[i], $"{path}[{i}]", leaves, objects);
                }

                break;
            default:
                leaves.Add(path);
                break;
        }
    }

    /// <summary>The object's first property, written again: a second value for a name the route reads.</summary>
    private static byte[]? Repeated(JsonObject obj) =>
        obj.Count == 0 ? null : Encoding.UTF8.GetBytes(JsonSerializer.Serialize(obj.First().Key) + ":" + (obj.First().Value?.ToJsonString() ?? "null"));

    private static byte[] Write(JsonNode? root, Change change)
    {
        using var output = new MemoryStream();
        Write(output, root, "$", change);
        return output.ToArray();
    }

    private static void Write(MemoryStream output, JsonNode? node, string path, Change change)
    {
        if (path == change.ValueAt)
        {
            output.Write(change.Value);
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                output.WriteByte((byte)'{');
                var first = true;
                if (path == change.PropertyIn)
                {
                    output.Write(change.Property);
                    first = false;
                }

                foreach (var (name, value) in obj)
                {
                    if (!first)
                    {
                        output.WriteByte((byte)',');
                    }

                    first = false;
                    output.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(name) + ":"));
                    Write(output, value, path + "." + name, change);
                }

                output.WriteByte((byte)'}');
                break;
            case JsonArray array:
                output.WriteByte((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.WriteByte((byte)',');
                    }

                    Write(output, array[i], $"{path}[{i}]", change);
                }

                output.WriteByte((byte)']');
                break;
            default:
                output.Write(Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null"));
                break;
        }
    }

    private sealed record Change(string? ValueAt, byte[]? Value, string? PropertyIn, byte[]? Property);
}
