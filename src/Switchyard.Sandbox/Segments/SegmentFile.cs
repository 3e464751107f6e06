using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Persistence;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// Keeps segment definitions in <c>sandbox-segments.json</c> in the data directory so they survive a restart.
/// Writes go to a temporary file first and replace the old one, so a crash never leaves half a file.
/// </summary>
internal sealed class SegmentFile(string directory)
{
    public const string FileName = "sandbox-segments.json";

    private readonly string _path = Path.Combine(directory, FileName);

    public IEnumerable<(string Name, JsonNode Filter, DateTimeOffset UpdatedAt)> Load()
    {
        if (!File.Exists(_path))
        {
            yield break;
        }

        var root = JsonNode.Parse(File.ReadAllText(_path)) as JsonObject;
        if (root?["segments"] is not JsonArray items)
        {
            throw new InvalidDataException($"{_path}: expected {{\"segments\":[…]}}");
        }

        foreach (var item in items)
        {
            if (!JsonScalars.TryGetString(item?["name"], out var name) || item?["filter"] is not { } filter)
            {
                throw new InvalidDataException($"{_path}: every segment needs a name and a filter");
            }

            var updated = JsonScalars.TryGetTime(item["updated_at"], out var at) ? at : DateTimeOffset.UnixEpoch;
            yield return (name, filter.DeepClone(), updated);
        }
    }

    public void Save(IEnumerable<SegmentDefinition> definitions)
    {
        var items = new JsonArray();
        foreach (var definition in definitions)
        {
            items.Add(new JsonObject
            {
                ["name"] = definition.Name,
                ["filter"] = definition.Filter.DeepClone(),
                ["updated_at"] = definition.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
            });
        }

        PrivateFiles.CreateDirectory(directory);
        var temp = _path + ".tmp";
        PrivateFiles.WriteAllText(temp, new JsonObject { ["segments"] = items }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, _path, overwrite: true);
    }
}
