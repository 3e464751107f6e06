namespace Switchyard.Benchmarks.Load;

internal sealed record LoadResult(long Requests, long Events, long Failures, TimeSpan Elapsed, double P50Ms, double P99Ms, double PeakServerMb)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;
}
