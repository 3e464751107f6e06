namespace Switchyard.Benchmarks.Load;

internal sealed record IngestBenchmarkOptions(TimeSpan Duration, int Connections, int BatchesPerRequest, int EventsPerBatch, int Rounds, double PacedEventsPerSecond, string? Postgres = null)
{
    /// <summary>Unmeasured full-speed load on each fresh server first, so the measured runs see compiled code, not the JIT at work.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(20);
}
