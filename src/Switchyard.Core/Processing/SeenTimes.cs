using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Widens a profile's first/last seen to cover the batch: its events' times (receive time for an event without one,
/// §1.3), or the batch write time when it has no events. Out-of-order batches only ever widen the range.
/// </summary>
internal static class SeenTimes
{
    public static void Apply(Profile profile, Batch batch, long receivedAtMs, long writeMs)
    {
        if (batch.Events.Count == 0)
        {
            Widen(profile, writeMs);
        }

        foreach (var e in batch.Events)
        {
            Widen(profile, ClientTime.Of(e.Data.TimestampUnixtimeMs, receivedAtMs));
        }
    }

    private static void Widen(Profile profile, long atMs)
    {
        if (profile.FirstSeenMs == 0 || atMs < profile.FirstSeenMs)
        {
            profile.FirstSeenMs = atMs;
        }

        profile.LastSeenMs = Math.Max(profile.LastSeenMs, atMs);
    }
}
