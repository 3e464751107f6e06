namespace Switchyard.Sandbox.Faults;

/// <summary>
/// One fault rule. It expires after <see cref="Remaining"/> matching requests or at <see cref="Until"/>,
/// whichever comes first; a rule with neither would be infinite, so the parser defaults to one request.
/// </summary>
internal sealed class FaultRule
{
    public string Id { get; set; } = "";

    public required FaultKind Kind { get; init; }

    public int Status { get; init; }

    public int LatencyMs { get; init; }

    /// <summary>Only requests to this path (case-insensitive, trailing slash ignored); null = every Braze route.</summary>
    public string? Path { get; init; }

    /// <summary>How many more requests the rule applies to; null = unlimited until <see cref="Until"/>.</summary>
    public int? Remaining { get; set; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>For 429: seconds to the advertised reset; null = until <see cref="Until"/>, or 1 s.</summary>
    public int? RetryAfterSeconds { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public int Applied { get; set; }
}
