using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Processing;

/// <summary>
/// When a batch's batch-level state (user attributes, identities, device info, consent without its own timestamp) was
/// written, for last-writer-wins: the batch's <c>timestamp_unixtime_ms</c> (§1.2 internal field), else the newest event
/// timestamp, else the time the batch was received. Events without a timestamp default to server time (§1.3); future times are
/// clamped (<see cref="ClientTime"/>).
/// </summary>
internal static class BatchWriteTime
{
    public static long Of(Batch batch, long receivedAtMs)
    {
        if (batch.TimestampUnixtimeMs is { } batchMs)
        {
            return ClientTime.Of(batchMs, receivedAtMs);
        }

        long? newest = null;
        foreach (var e in batch.Events)
        {
            if (e.Data.TimestampUnixtimeMs is { } ms && (newest is null || ms > newest))
            {
                newest = ms;
            }
        }

        return ClientTime.Of(newest, receivedAtMs);
    }
}
