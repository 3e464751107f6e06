namespace Switchyard.Core.Audiences;

/// <summary>
/// An event criterion as compiled, with its JSON path: what <see cref="AudienceLimits"/> checks against what the
/// processor records.
/// </summary>
internal sealed record CompiledEventCriterion(
    string Path,
    Criterion Source,
    EventWindow Window,
    bool HasWhere,
    CountOperator CountOperator,
    long Count,
    long CountMax)
{
    /// <summary>
    /// True when the criterion counts recorded occurrences (a window or <c>where</c>); otherwise it reads the all-time
    /// count, which nothing bounds (<see cref="EventNode"/>).
    /// </summary>
    public bool ReadsOccurrences => HasWhere || !Window.IsAllTime;
}
