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
