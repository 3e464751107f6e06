using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>
/// An event criterion: counts the occurrences of the selected event keys inside the window that meet every
/// <c>where</c> condition, then compares the count. Without window or conditions the all-time count is used, so
/// history beyond the recorded occurrences still counts.
/// </summary>
/// <param name="exactKey">The one event key to read, or null to read every key of <paramref name="keyType"/>.</param>
internal sealed class EventNode(
    string? exactKey,
    string keyType,
    EventWindow window,
    EventCondition[] where,
    CountOperator countOperator,
    long count,
    long countMax) : CriterionNode
{
    private readonly string _keyPrefix = keyType + ":";

    public override bool Matches(Profile profile, long nowMs, IReadOnlySet<int> membership)
    {
        long total = 0;
        if (exactKey is not null)
        {
            if (profile.Events.TryGetValue(exactKey, out var stats))
            {
                total = Count(stats, nowMs);
            }
        }
        else
        {
            foreach (var (key, stats) in profile.Events)
            {
                if (key == keyType || key.StartsWith(_keyPrefix, StringComparison.Ordinal))
                {
                    total += Count(stats, nowMs);
                }
            }
        }

        return countOperator switch
        {
            CountOperator.AtLeast => total >= count,
            CountOperator.Exactly => total == count,
            CountOperator.AtMost => total <= count,
            _ => total >= count && total <= countMax,
        };
    }

    /// <summary>For a rolling window: when the next recorded occurrence enters it (a future time) or leaves it.</summary>
    public override long NextChangeMs(Profile profile, long nowMs)
    {
        if (window.RollingMs == 0)
        {
            return long.MaxValue;
        }

        var next = long.MaxValue;
        if (exactKey is not null)
        {
            return profile.Events.TryGetValue(exactKey, out var stats) ? NextChange(stats, nowMs) : next;
        }

        foreach (var (key, stats) in profile.Events)
        {
            if (key == keyType || key.StartsWith(_keyPrefix, StringComparison.Ordinal))
            {
                next = Math.Min(next, NextChange(stats, nowMs));
            }
        }

        return next;
    }

    private long NextChange(EventStats stats, long nowMs)
    {
        // Occurrences are kept in time order: the oldest inside the window leaves first, the first future one enters first.
        var next = long.MaxValue;
        foreach (var occurrence in stats.Recent)
        {
            if (occurrence.AtMs > nowMs)
            {
                return Math.Min(next, occurrence.AtMs);
            }

            var leaves = occurrence.AtMs + window.RollingMs;
            if (leaves > nowMs && next == long.MaxValue)
            {
                next = leaves;
            }
        }

        return next;
    }

    private long Count(EventStats stats, long nowMs)
    {
        if (window.IsAllTime && where.Length == 0)
        {
            return stats.TotalCount;
        }

        long n = 0;
        foreach (var occurrence in stats.Recent)
        {
            if (window.Contains(occurrence.AtMs, nowMs) && MeetsWhere(occurrence))
            {
                n++;
            }
        }

        return n;
    }

    private bool MeetsWhere(EventOccurrence occurrence)
    {
        foreach (var condition in where)
        {
            if (!condition.Matches(occurrence))
            {
                return false;
            }
        }

        return true;
    }
}
