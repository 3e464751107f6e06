using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.Currents;

/// <summary>Reads a <c>PUT /_sandbox/currents/connector</c> body; every problem becomes a <see cref="FieldError"/>.</summary>
internal static class CurrentsConnectorBody
{
    public static CurrentsConnector? Parse(JsonNode? body, bool allowRemote, List<FieldError> errors)
    {
        if (body is not JsonObject root)
        {
            errors.Add(new("body", "must be a JSON object"));
            return null;
        }

        foreach (var (name, _) in root)
        {
            if (name is not ("url" or "api_key" or "api_secret" or "environment"))
            {
                errors.Add(new(name, "is not a known field"));
            }
        }

        var url = Text(root, "url", errors);
        var key = Text(root, "api_key", errors);
        var secret = Text(root, "api_secret", errors);
        var environment = Text(root, "environment", errors);
        var checks = new List<FieldError>();
        var connector = CurrentsConnector.Create(url, key, secret, environment, allowRemote, "", checks);
        // A field that was not a string already has its error; a second one about the same field adds nothing.
        errors.AddRange([.. checks.Where(c => !errors.Exists(e => e.Field == c.Field))]);
        return errors.Count > 0 ? null : connector;
    }

    private static string? Text(JsonObject root, string field, List<FieldError> errors)
    {
        var node = root[field];
        if (node is null)
        {
            return null;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors.Add(new(field, "must be a string"));
            return null;
        }

        return node.GetValue<string>();
    }
}
