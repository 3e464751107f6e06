using Switchyard.Core.Profiles;

namespace Switchyard.Core.Audiences;

/// <summary>The audiences as the processor uses them: which ones a profile belongs to, and what to record for that.</summary>
public interface IAudienceEvaluator
{
    /// <summary>The ids of the audiences <paramref name="profile"/> belongs to at <paramref name="nowMs"/>.</summary>
    IReadOnlySet<int> Evaluate(Profile profile, long nowMs);

    /// <summary>The event attributes some criterion on this event key reads (empty when none).</summary>
    IReadOnlySet<string> EventAttributesNeeded(string eventKey);

    /// <summary>Audiences whose membership can change with time alone (recency windows, date ranges).</summary>
    IReadOnlySet<int> TimeDependentAudiences { get; }

    /// <summary>
    /// Audiences whose members the minute sweep re-checks because no per-profile time foretells their change: date
    /// ranges that have not ended, whose counts shrink only as the retention drops occurrences.
    /// </summary>
    IReadOnlySet<int> RescannedAudiences { get; }

    /// <summary>
    /// The earliest time after <paramref name="nowMs"/> at which the profile's membership could change with no new data
    /// (a window closing, a date coming within range); <see cref="long.MaxValue"/> when only new data can change it.
    /// </summary>
    long NextChangeMs(Profile profile, long nowMs);
}
