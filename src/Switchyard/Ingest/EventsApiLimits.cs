namespace Switchyard.Ingest;

/// <summary>Request limits of the Events API (reference/mparticle.md §1.1).</summary>
internal static class EventsApiLimits
{
    public const int MaxRequestBytes = 256 * 1024;

    public const int MaxBatchBytes = 128 * 1024;

    public const int MaxBatchesPerRequest = 100;
}
