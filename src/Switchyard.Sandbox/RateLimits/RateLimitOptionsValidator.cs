using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>Checks rate-limit options, at start-up and on <c>PUT /_sandbox/ratelimits</c>.</summary>
internal static class RateLimitOptionsValidator
{
    public const int MaxWindowSeconds = 86_400;

    public static List<FieldError> Validate(SandboxRateLimitOptions options, string prefix)
    {
        var errors = new List<FieldError>();
        Check(options.Track, $"{prefix}track", errors);
        Check(options.UserWrites, $"{prefix}user_writes", errors);
        Check(options.ExportIds, $"{prefix}export_ids", errors);
        Check(options.ExternalIds, $"{prefix}external_ids", errors);
        Check(options.Other, $"{prefix}other", errors);
        return errors;
    }

    private static void Check(SandboxRateLimit? limit, string field, List<FieldError> errors)
    {
        if (limit is null)
        {
            errors.Add(new(field, "is required"));
            return;
        }

        if (limit.Limit < 1)
        {
            errors.Add(new($"{field}.limit", "must be at least 1"));
        }

        if (limit.WindowSeconds is < 1 or > MaxWindowSeconds)
        {
            errors.Add(new($"{field}.window_seconds", $"must be between 1 and {MaxWindowSeconds}"));
        }
    }
}
