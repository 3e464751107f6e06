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
}
