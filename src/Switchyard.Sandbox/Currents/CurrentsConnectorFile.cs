using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Persistence;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// Keeps the Currents connector in <c>sandbox-currents-connector.json</c> in the data directory so it survives a
/// restart. The secret is stored in clear: this is a local test double, and the file sits next to the sandbox's own
/// state. Written to a temporary file first and then moved over the old one.
/// </summary>
internal sealed class CurrentsConnectorFile(string directory)
{
    public const string FileName = "sandbox-currents-connector.json";

    private readonly string _path = Path.Combine(directory, FileName);

    public CurrentsConnector? Load()
    {
        if (!File.Exists(_path))
        {
            return null;
        }

        var root = JsonNode.Parse(File.ReadAllText(_path)) as JsonObject
            ?? throw new InvalidDataException($"{_path}: expected a JSON object");
        var errors = new List<FieldError>();
        return CurrentsConnector.Create(
                Text(root, "url"), Text(root, "api_key"), Text(root, "api_secret"), Text(root, "environment"), allowRemote: true, "", errors)
            ?? throw new InvalidDataException($"{_path}: {string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}"))}");
    }

    public void Save(CurrentsConnector? connector)
    {
        if (connector is null)
        {
            File.Delete(_path);
            return;
        }

        var document = new JsonObject
        {
            ["url"] = connector.Url.ToString(),
            ["api_key"] = connector.ApiKey,
            ["api_secret"] = connector.ApiSecret,
            ["environment"] = connector.Environment,
        };
        PrivateFiles.CreateDirectory(directory);
        var temp = _path + ".tmp";
        PrivateFiles.WriteAllText(temp, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(temp, _path, overwrite: true);
    }

    private static string? Text(JsonObject root, string name) =>
        root[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
