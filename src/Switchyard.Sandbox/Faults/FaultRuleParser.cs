using System.Text.Json.Nodes;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Faults;

/// <summary>
/// Reads a <c>POST /_sandbox/faults</c> body:
/// <c>{"kind":"status|latency|drop","status"?,"latency_ms"?,"path"?,"count"?,"for_seconds"?,"until"?,"retry_after_seconds"?}</c>.
/// </summary>
internal static class FaultRuleParser
{
    /// <summary>The error statuses Braze documents as retryable (reference/braze.md §1.7).</summary>
    public static readonly IReadOnlySet<int> Statuses = new HashSet<int> { 429, 500, 502, 503, 504 };

    public const int MaxLatencyMs = 600_000;

    public static FaultRule? Parse(JsonNode? body, DateTimeOffset now, List<FieldError> errors)
    {
        if (body is not JsonObject obj)
        {
            errors.Add(new("kind", "the body must be an object such as {\"kind\":\"status\",\"status\":503,\"count\":2}"));
            return null;
        }

        var kind = ParseKind(obj, errors);
        var status = kind == FaultKind.Status ? Int(obj, "status", 0, 999, errors, required: true) ?? 0 : 0;
        if (kind == FaultKind.Status && status != 0 && !Statuses.Contains(status))
        {
            errors.Add(new("status", "must be one of 429, 500, 502, 503, 504"));
        }

        var latency = kind == FaultKind.Latency ? Int(obj, "latency_ms", 1, MaxLatencyMs, errors, required: true) ?? 0 : 0;
        var count = Int(obj, "count", 1, int.MaxValue, errors, required: false);
        var forSeconds = Int(obj, "for_seconds", 1, 7 * 86_400, errors, required: false);
        var retryAfter = Int(obj, "retry_after_seconds", 1, 86_400, errors, required: false);
        var until = ParseUntil(obj, now, forSeconds, errors);
        var path = ParsePath(obj, errors);
        if (kind is null || errors.Count > 0)
        {
            return null;
        }

        return new FaultRule
        {
            Kind = kind.Value,
            Status = status,
            LatencyMs = latency,
            Path = path,
            // A rule without any scope applies once: an endless fault is too easy to leave behind by accident.
            Remaining = count ?? (until is null ? 1 : null),
            Until = until,
            RetryAfterSeconds = retryAfter,
            CreatedAt = now,
        };
    }

    private static FaultKind? ParseKind(JsonObject obj, List<FieldError> errors)
    {
        JsonScalars.TryGetString(obj["kind"], out var kind);
        switch (kind)
        {
            case "status": return FaultKind.Status;
            case "latency": return FaultKind.Latency;
            case "drop": return FaultKind.Drop;
            default:
                errors.Add(new("kind", "must be \"status\", \"latency\" or \"drop\""));
                return null;
        }
    }

    private static DateTimeOffset? ParseUntil(JsonObject obj, DateTimeOffset now, int? forSeconds, List<FieldError> errors)
    {
        if (obj["until"] is not { } node)
        {
            return forSeconds is { } seconds ? now.AddSeconds(seconds) : null;
        }

        if (forSeconds is not null)
        {
            errors.Add(new("until", "give either \"until\" or \"for_seconds\", not both"));
            return null;
        }

        if (!JsonScalars.TryGetTime(node, out var until) || until <= now)
        {
            errors.Add(new("until", "must be an ISO-8601 time in the future"));
            return null;
        }

        return until;
    }

    private static string? ParsePath(JsonObject obj, List<FieldError> errors)
    {
        if (obj["path"] is not { } node)
        {
            return null;
        }

        if (!JsonScalars.TryGetString(node, out var path) || !path.StartsWith('/') || SandboxPaths.IsControl(path))
        {
            errors.Add(new("path", "must be a Braze route such as \"/users/track\" (control routes are never faulted)"));
            return null;
        }

        return SandboxPaths.Normalize(path);
    }

    private static int? Int(JsonObject obj, string field, int min, int max, List<FieldError> errors, bool required)
    {
        var node = obj[field];
        if (node is null)
        {
            if (required)
            {
                errors.Add(new(field, "is required"));
            }

            return null;
        }

        if (JsonScalars.TryGetNumber(node, out var number) && number == Math.Floor(number) && number >= min && number <= max)
        {
            return (int)number;
        }

        errors.Add(new(field, $"must be a whole number between {min} and {max}"));
        return null;
    }
}
