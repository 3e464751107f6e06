using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>
/// Applies a partial <c>PUT /_sandbox/ratelimits</c> body: members left out keep their current value, so
/// <c>{"track":{"limit":2}}</c> changes only the track limit.
/// </summary>
internal static class RateLimitOptionsPatch
{
    public static SandboxRateLimitOptions? Apply(SandboxRateLimitOptions current, JsonNode? body, List<FieldError> errors)
    {
        if (body is not JsonObject obj)
        {
            errors.Add(new("body", "must be an object such as {\"track\":{\"limit\":3000,\"window_seconds\":3}}"));
            return null;
        }

        var result = current;
        foreach (var (name, node) in obj)
        {
            switch (name)
            {
                case "enabled" when JsonScalars.TryGetBoolean(node, out var enabled):
                    result = result with { Enabled = enabled };
                    break;
                case "enabled":
                    errors.Add(new("enabled", "must be true or false"));
                    break;
                case "track":
                    result = result with { Track = Limit(result.Track, node, name, errors) };
                    break;
                case "user_writes":
                    result = result with { UserWrites = Limit(result.UserWrites, node, name, errors) };
                    break;
                case "export_ids":
                    result = result with { ExportIds = Limit(result.ExportIds, node, name, errors) };
                    break;
                case "external_ids":
                    result = result with { ExternalIds = Limit(result.ExternalIds, node, name, errors) };
                    break;
                case "other":
                    result = result with { Other = Limit(result.Other, node, name, errors) };
                    break;
                default:
                    errors.Add(new(name, "unknown field; expected enabled, track, user_writes, export_ids, external_ids or other"));
                    break;
            }
        }

        errors.AddRange(RateLimitOptionsValidator.Validate(result, ""));
        return errors.Count == 0 ? result : null;
    }

    private static SandboxRateLimit Limit(SandboxRateLimit current, JsonNode? node, string field, List<FieldError> errors)
    {
        if (node is not JsonObject obj)
        {
            errors.Add(new(field, "must be an object {\"limit\":n,\"window_seconds\":s}"));
            return current;
        }

        var limit = Whole(obj["limit"], current.Limit, $"{field}.limit", errors);
        var window = Whole(obj["window_seconds"], current.WindowSeconds, $"{field}.window_seconds", errors);
        return new SandboxRateLimit(limit, window);
    }

    private static int Whole(JsonNode? node, int current, string field, List<FieldError> errors)
    {
        if (node is null)
        {
            return current;
        }

        if (JsonScalars.TryGetNumber(node, out var number) && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }

        errors.Add(new(field, "must be a whole number"));
        return current;
    }
}
