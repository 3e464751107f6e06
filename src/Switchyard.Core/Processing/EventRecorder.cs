using Switchyard.Core.Audiences;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Keeps what audience criteria need of a user's events (<see cref="EventStats"/>): all-time count and first/last time
/// per key, plus the occurrences inside the retention window with only the attributes some criterion reads. Real-time
/// audiences look back about 30 days (reference/mparticle.md §6), so older occurrences are not worth storing.
/// </summary>
internal sealed class EventRecorder(ProcessingSettings settings)
{
    public void Record(Profile profile, Batch batch, long receivedAtMs, IAudienceEvaluator audiences, long nowMs)
    {
        var cutoffMs = CutoffMs(nowMs);
        foreach (var e in batch.Events)
        {
            var key = EventKeyOf.Event(e);
            var atMs = ClientTime.Of(e.Data.TimestampUnixtimeMs, receivedAtMs);
            if (!profile.Events.TryGetValue(key, out var stats))
            {
                stats = new EventStats { FirstMs = atMs, LastMs = atMs };
                profile.Events[key] = stats;
            }

            stats.FirstMs = Math.Min(stats.FirstMs, atMs);
            stats.LastMs = Math.Max(stats.LastMs, atMs);
            stats.TotalCount++;

            // Historical data (§1.1 /bulkevents/historical) counts, but its occurrences would be trimmed at once.
            if (atMs >= cutoffMs)
            {
                Insert(stats.Recent, new EventOccurrence { AtMs = atMs, Attributes = Needed(e.Data, audiences.EventAttributesNeeded(key)) });
            }
        }
    }

    /// <summary>
    /// Drops occurrences older than the retention, then the oldest beyond the cap per key, then whole keys seen least
    /// recently beyond the cap per profile. True when anything went.
    /// </summary>
    public bool Trim(Profile profile, long nowMs)
    {
        var cutoffMs = CutoffMs(nowMs);
        var trimmed = false;
        foreach (var stats in profile.Events.Values)
        {
            var expired = 0;
            while (expired < stats.Recent.Count && stats.Recent[expired].AtMs < cutoffMs)
            {
                expired++;
            }

            var excess = Math.Max(0, stats.Recent.Count - expired - settings.MaxOccurrencesPerEventKey);
            if (expired + excess > 0)
            {
                stats.Recent.RemoveRange(0, expired + excess);
                trimmed = true;
            }
        }

        if (profile.Events.Count > settings.MaxEventKeysPerProfile)
        {
            var leastRecent = profile.Events.OrderBy(e => e.Value.LastMs).ThenBy(e => e.Key, StringComparer.Ordinal)
                .Take(profile.Events.Count - settings.MaxEventKeysPerProfile).Select(e => e.Key).ToList();
            foreach (var key in leastRecent)
            {
                profile.Events.Remove(key);
            }

            trimmed = true;
        }

        return trimmed;
    }

    private long CutoffMs(long nowMs) => nowMs - (long)settings.EventRetention.TotalMilliseconds;

    /// <summary>Keeps the list oldest first; an equal time goes after what is there (processing order).</summary>
    private static void Insert(List<EventOccurrence> recent, EventOccurrence occurrence)
    {
        var i = recent.Count;
        while (i > 0 && recent[i - 1].AtMs > occurrence.AtMs)
        {
            i--;
        }

        recent.Insert(i, occurrence);
    }

    private static Dictionary<string, string>? Needed(EventData data, IReadOnlySet<string> names)
    {
        Dictionary<string, string>? kept = null;
        foreach (var name in names)
        {
            if (data.CustomAttributes.TryGetValue(name, out var value) && !value.IsNull)
            {
                kept ??= new Dictionary<string, string>(StringComparer.Ordinal);
                kept[name] = value.ToString();
            }
        }

        return kept;
    }
}
