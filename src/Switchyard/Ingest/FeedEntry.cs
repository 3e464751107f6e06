using System.Threading.RateLimiting;
using Switchyard.Core.Workspace;

namespace Switchyard.Ingest;

/// <summary>An input feed as the Events API sees it: the hash of its secret and its batch rate limiter.</summary>
internal sealed class FeedEntry(InputFeed feed, byte[] secretHash, TokenBucketRateLimiter limiter)
{
    public InputFeed Feed { get; } = feed;

    public byte[] SecretHash { get; } = secretHash;

    public TokenBucketRateLimiter Limiter { get; } = limiter;
}
