namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// The time span each partition of the two append-only logs covers on PostgreSQL: the delivered event ids
/// (<c>delivered_events</c>) and the membership log (<c>membership_changes</c>). Retention drops whole partitions, so a
/// row outlives its cutoff by up to one span; every lookup of a delivered event probes one index per partition, so a
/// span much shorter than the retention makes each lookup visit more tables. The defaults keep eight or nine partitions
/// of delivered events (a week's retention, pruned hourly, in days) and five or six of the membership log (thirty days
/// in weeks). Tests use a span of one millisecond, which makes pruning exact to the row.
/// </summary>
public sealed record LogPartitionOptions
{
    /// <summary>The span of one partition of delivered event ids, by the time each was delivered.</summary>
    public TimeSpan DeliveredEventsSpan { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The span of one partition of the membership log, by the time of each change.</summary>
    public TimeSpan MembershipLogSpan { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Fails at start with the name of the first setting out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(DeliveredEventsSpan, TimeSpan.FromMilliseconds(1), nameof(DeliveredEventsSpan));
        ArgumentOutOfRangeException.ThrowIfLessThan(MembershipLogSpan, TimeSpan.FromMilliseconds(1), nameof(MembershipLogSpan));
    }
}
