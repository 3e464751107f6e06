namespace Switchyard.Sandbox.Faults;

/// <summary>What an injected fault does to a matching request.</summary>
internal enum FaultKind
{
    /// <summary>Answer with an error status (429, 500, 502, 503 or 504) instead of handling the request.</summary>
    Status,

    /// <summary>Wait, then handle the request normally.</summary>
    Latency,

    /// <summary>Abort the connection without any response.</summary>
    Drop,
}
