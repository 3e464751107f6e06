using System.Text.Json.Nodes;
using Switchyard.Core.Workspace;

namespace Switchyard.Hosting;

/// <summary>
/// Braze outputs of a workspace file whose <c>instance</c> is <c>Sandbox</c>: <c>serve</c> runs the Braze sandbox in
/// its own process for them (as the quickstart does), with their REST API keys, and points them at it. Changing the
/// instance to a Braze cluster and the key to a real one sends the same data to Braze.
/// </summary>
internal static class EmbeddedSandbox
{
    public const string InstanceName = "Sandbox";

    /// <summary>The REST API keys of the outputs that name the sandbox, each once, in file order.</summary>
    public static IReadOnlyList<string> Keys(Workspace workspace)
    {
        var keys = new List<string>();
        foreach (var output in workspace.Outputs)
        {
            if (Settings(output) is { } settings && settings["restApiKey"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                && settings["restApiKey"]!.GetValue<string>() is { Length: > 0 } key && !keys.Contains(key))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>The same workspace with every such output pointing at the running sandbox.</summary>
    public static Workspace PointAt(Workspace workspace, Uri sandbox)
    {
        var endpoint = sandbox.ToString().TrimEnd('/');
        var outputs = workspace.Outputs.Select(output =>
        {
            if (Settings(output) is not { } settings)
            {
                return output;
            }

            settings["instance"] = "Custom";
            settings["customRestEndpoint"] = endpoint;
            return output with { SettingsJson = settings.ToJsonString() };
        }).ToList();
        return workspace with { Outputs = outputs };
    }

    private static JsonObject? Settings(OutputDefinition output)
    {
        if (!output.Type.StartsWith("braze", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(output.SettingsJson, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }) is JsonObject settings
                && settings["instance"] is JsonValue instance && instance.GetValueKind() == System.Text.Json.JsonValueKind.String
                && string.Equals(instance.GetValue<string>(), InstanceName, StringComparison.OrdinalIgnoreCase)
                ? settings
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Invalid settings are reported, naming the field, when the output is read at start-up.
            return null;
        }
    }
}
