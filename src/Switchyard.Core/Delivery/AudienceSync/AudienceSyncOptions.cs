namespace Switchyard.Core.Delivery.AudienceSync;

/// <summary>The pace of audience sync; the defaults are what <c>serve</c> runs with.</summary>
public sealed record AudienceSyncOptions
{
    /// <summary>Membership-log entries read per step of an output.</summary>
    public int TailChunk { get; init; } = 1000;

    /// <summary>Users a job queues per step.</summary>
    public int JobChunk { get; init; } = 500;

    /// <summary>
    /// Jobs wait while the output's outbox holds this many items, so a large initial sync is paced by delivery (and so
    /// by the Braze rate limit) instead of flooding the outbox. Real-time changes are never held back.
    /// </summary>
    public long MaxQueuedForJobs { get; init; } = 5000;

    /// <summary>Throws, naming the field, when a value cannot work.</summary>
    public AudienceSyncOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TailChunk, nameof(TailChunk));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(JobChunk, nameof(JobChunk));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxQueuedForJobs, nameof(MaxQueuedForJobs));
        return this;
    }
}
