namespace Switchyard.Core.Workspace;

/// <summary>
/// A token bucket in batches: <paramref name="BatchesPerSecond"/> refill, up to <paramref name="Burst"/>.
/// mParticle's default is about 270 batches/s (reference/mparticle.md §1.1); ours is generous because
/// a self-hosted router is sized by its owner.
/// </summary>
public sealed record FeedRateLimit(int BatchesPerSecond, int Burst)
{
    public static FeedRateLimit Default { get; } = new(10_000, 20_000);
}
