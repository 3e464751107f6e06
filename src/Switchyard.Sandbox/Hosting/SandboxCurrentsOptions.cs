namespace Switchyard.Sandbox.Hosting;

/// <summary>How the sandbox queues and delivers simulated Currents events (docs/sandbox.md, "Currents").</summary>
public sealed class SandboxCurrentsOptions
{
    /// <summary>Most events waiting for delivery; a campaign that would not fit is refused whole. Default 100,000.</summary>
    public int QueueCapacity { get; set; } = 100_000;

    /// <summary>Wait after the first retryable failure; doubled after each further one. Default 200 ms.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between retries. Default 5 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A request without a response after this long is retried. Default 10 s (real time: it is network I/O).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>app_group_id</c> (workspace id) every event carries. Default <c>switchyard-sandbox</c>.</summary>
    public string AppGroupId { get; set; } = "switchyard-sandbox";
}
