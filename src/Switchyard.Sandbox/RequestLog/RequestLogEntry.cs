namespace Switchyard.Sandbox.RequestLog;

/// <summary>
/// One Braze API request as the sandbox saw it. <see cref="ApiKey"/> keeps at most the key's last 4 characters;
/// <see cref="Status"/> is null when the connection was aborted before a response.
/// </summary>
internal sealed record RequestLogEntry
{
    public long Sequence { get; init; }

    public DateTimeOffset Time { get; init; }

    public required string Method { get; init; }

    public required string Path { get; init; }

    public int? Status { get; init; }

    public double DurationMs { get; init; }

    public string ApiKey { get; init; } = "";

    public string? ContentType { get; init; }

    /// <summary>Body size: the bytes read or the Content-Length, whichever is larger.</summary>
    public long BodyBytes { get; init; }

    /// <summary>The first bytes of the body, as UTF-8.</summary>
    public string BodyExcerpt { get; init; } = "";

    public bool BodyTruncated { get; init; }

    /// <summary>The injected fault (<c>status:503</c>, <c>latency:200ms</c>, <c>drop</c>) or null.</summary>
    public string? Fault { get; init; }

    public bool Aborted { get; init; }
}
