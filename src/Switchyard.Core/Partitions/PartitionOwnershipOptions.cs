namespace Switchyard.Core.Partitions;

/// <summary>
/// The timing of partition leases. The defaults follow the lease protocol Switchyard's design settled on: 15 s leases
/// renewed every 5 s, so two renewals may fail before a lease runs out; a node counted dead once its heartbeat has been
/// older than three intervals at two checks in a row, so one slow renewal or a pause of the observer itself does not
/// shrink everyone's share. Tests shorten none of these: they move a fake clock instead.
/// </summary>
public sealed record PartitionOwnershipOptions
{
    /// <summary>How long a lease lasts after its acquisition or last renewal, on the store's clock.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a node renews its leases, sends its heartbeat and rebalances.</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How much earlier than the lease's end a node stops trusting it: a renewal's result is trusted until the renewal
    /// started plus <see cref="LeaseDuration"/> minus this, which covers the clocks of node and store running at slightly
    /// different rates.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>A heartbeat older than this many <see cref="RenewInterval"/>s makes a node stale at a check.</summary>
    public int StaleIntervals { get; init; } = 3;

    /// <summary>How many checks in a row must find a node stale before the others count it dead.</summary>
    public int DeadAfterStaleChecks { get; init; } = 2;

    /// <summary>A node silent this long is removed from the node list (a restarted node adds itself again).</summary>
    public TimeSpan ForgetNodesAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The heartbeat age past which a node is stale.</summary>
    public TimeSpan StaleAfter => RenewInterval * StaleIntervals;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first setting that cannot work: a lease must outlast a renewal
    /// interval plus the margin, or leases would lapse between renewals.
    /// </summary>
    public PartitionOwnershipOptions Validate()
    {
        if (RenewInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(RenewInterval)} must be positive, not {RenewInterval}.", nameof(RenewInterval));
        }

        if (SafetyMargin < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(SafetyMargin)} must not be negative, not {SafetyMargin}.", nameof(SafetyMargin));
        }

        if (LeaseDuration <= RenewInterval + SafetyMargin)
        {
            throw new ArgumentException(
                $"{nameof(LeaseDuration)} ({LeaseDuration}) must be longer than {nameof(RenewInterval)} plus {nameof(SafetyMargin)} ({RenewInterval + SafetyMargin}), or leases would lapse between renewals.",
                nameof(LeaseDuration));
        }

        if (StaleIntervals < 1)
        {
            throw new ArgumentException($"{nameof(StaleIntervals)} must be at least 1, not {StaleIntervals}.", nameof(StaleIntervals));
        }

        if (DeadAfterStaleChecks < 1)
        {
            throw new ArgumentException($"{nameof(DeadAfterStaleChecks)} must be at least 1, not {DeadAfterStaleChecks}.", nameof(DeadAfterStaleChecks));
        }

        if (ForgetNodesAfter <= LeaseDuration || ForgetNodesAfter <= StaleAfter)
        {
            throw new ArgumentException(
                $"{nameof(ForgetNodesAfter)} ({ForgetNodesAfter}) must be longer than both {nameof(LeaseDuration)} and the stale age ({StaleAfter}).",
                nameof(ForgetNodesAfter));
        }

        return this;
    }
}
