namespace Switchyard.Sandbox.Faults;

/// <summary>The fault chosen for one request; for 429 it carries the reset time to advertise.</summary>
internal sealed record InjectedFault(string RuleId, FaultKind Kind, int Status, int LatencyMs, DateTimeOffset ResetAt)
{
    /// <summary>How the request log names it: <c>status:503</c>, <c>latency:200ms</c> or <c>drop</c>.</summary>
    public string Describe() => Kind switch
    {
        FaultKind.Status => $"status:{Status}",
        FaultKind.Latency => $"latency:{LatencyMs}ms",
        _ => "drop",
    };
}
