namespace Switchyard.Core.Delivery.Engine;

/// <summary>Tuning of one output's <see cref="DeliveryEngine"/>; checked once by <see cref="Validate"/> when the engine is built.</summary>
public sealed record DeliveryOptions
{
    /// <summary>The highest <see cref="MaxInFlight"/> an output may set.</summary>
    public const int MaxInFlightLimit = 32;

    /// <summary>What an output that does not set <c>maxInFlight</c> gets from the host.</summary>
    public const int DefaultMaxInFlight = 4;

    /// <summary>Items claimed per pass.</summary>
    public int ClaimLimit { get; init; } = 300;

    /// <summary>
    /// Requests of this output that may be in flight at once: a pass splits its claim into up to this many request
    /// groups, no user in two of them, and delivers the groups side by side (README.md, "Requests in flight"). 1 sends
    /// one request at a time. The host sets each output's from its <c>maxInFlight</c> (default
    /// <see cref="DefaultMaxInFlight"/>).
    /// </summary>
    public int MaxInFlight { get; init; } = 1;

    /// <summary>The wait after the first failed attempt; it doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Backoffs vary by ± this share so that items failed together do not retry together.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>An item older than this that fails again is dead-lettered instead of retried.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Seed of the jitter; null draws from <see cref="Random.Shared"/>. Tests fix it.</summary>
    public int? JitterSeed { get; init; }

    /// <summary>
    /// While the store fails, the output waits <see cref="InitialBackoff"/>, doubling per failed try up to this, before
    /// it tries the store again (and sends nothing meanwhile).
    /// </summary>
    public TimeSpan MaxStoreBackoff { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The partitions this node delivers at a moment (<see cref="Partitions.NodePartitions.TrustedPartitions"/>): null
    /// for every partition (a node alone on its store, and the default), empty when it may deliver none right now.
    /// Asked before every claim, so a node that lost its leases stops claiming at once.
    /// </summary>
    public Func<DateTimeOffset, IReadOnlyCollection<int>?>? HeldPartitions { get; init; }

    /// <summary>
    /// Test-only crash point: called after the destination answered a request with 2xx and before what it acknowledged is recorded.
    /// Process tests use it to kill the service at exactly that moment.
    /// </summary>
    public Action? AfterAcknowledged { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (ClaimLimit < 1)
        {
            throw new ArgumentException($"{nameof(DeliveryOptions)}.{nameof(ClaimLimit)} must be at least 1.");
        }

        if (MaxInFlight is < 1 or > MaxInFlightLimit)
        {
            throw new ArgumentException($"{nameof(DeliveryOptions)}.{nameof(MaxInFlight)} must be between 1 and {MaxInFlightLimit}.");
        }

        if (InitialBackoff <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DeliveryOptions)}.{nameof(InitialBackoff)} must be positive.");
        }

        if (MaxBackoff < InitialBackoff)
        {
            throw new ArgumentException($"{nameof(DeliveryOptions)}.{nameof(MaxBackoff)} must be at least {nameof(InitialBackoff)}.");
        }

        if (Jitter is < 0 or >= 1 || double.IsNaN(Jitter))
        {
            throw new ArgumentException($"{nameof(DeliveryOptions)}.{nameof(Jitter)} must be in [0, 1).");
        }

        if (MaxStoreBackoff < InitialBackoff)
        {
            throw new ArgumentException($"{nameof(DeliveryOptions)}.{nameof(MaxStoreBackoff)} must be at least {nameof(InitialBackoff)}.");
        }

        if (MaxAge <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(DeliveryOptions)}.{nameof(MaxAge)} must be positive.");
        }
    }
}
