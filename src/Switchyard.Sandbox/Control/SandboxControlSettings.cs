using Switchyard.Sandbox.RateLimits;

namespace Switchyard.Sandbox.Control;

/// <summary>The validated, frozen form of <see cref="SandboxControlOptions"/>.</summary>
internal sealed record SandboxControlSettings(
    string? DataDirectory,
    int RequestLogCapacity,
    int RequestLogBodyExcerptBytes,
    SandboxRateLimitOptions RateLimits)
{
    public const int MaxRequestLogCapacity = 1_000_000;
    public const int MaxBodyExcerptBytes = 64 * 1024;

    /// <exception cref="ArgumentException">An option is out of range; the message names it.</exception>
    public static SandboxControlSettings From(SandboxControlOptions options)
    {
        var errors = new List<FieldError>();
        if (options.RequestLogCapacity is < 1 or > MaxRequestLogCapacity)
        {
            errors.Add(new(nameof(options.RequestLogCapacity), $"must be between 1 and {MaxRequestLogCapacity}"));
        }

        if (options.RequestLogBodyExcerptBytes is < 0 or > MaxBodyExcerptBytes)
        {
            errors.Add(new(nameof(options.RequestLogBodyExcerptBytes), $"must be between 0 and {MaxBodyExcerptBytes}"));
        }

        if (options.DataDirectory is { Length: 0 })
        {
            errors.Add(new(nameof(options.DataDirectory), "must be null or a directory path"));
        }

        errors.AddRange(RateLimitOptionsValidator.Validate(options.RateLimits, $"{nameof(options.RateLimits)}."));
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid SandboxControlOptions: " + string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")),
                nameof(options));
        }

        return new(options.DataDirectory, options.RequestLogCapacity, options.RequestLogBodyExcerptBytes, options.RateLimits);
    }
}
