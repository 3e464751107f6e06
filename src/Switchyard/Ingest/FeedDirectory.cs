using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Switchyard.Core.Workspace;

namespace Switchyard.Ingest;

/// <summary>
/// Finds the input feed for a request's Basic credentials. Secrets are compared as SHA-256 hashes with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so the comparison takes the same time whatever
/// the presented secret and its length. Keys are not secret: they are looked up directly.
/// </summary>
internal sealed class FeedDirectory : IDisposable
{
    private readonly Dictionary<string, FeedEntry> _byKey;

    public FeedDirectory(Workspace workspace)
    {
        _byKey = workspace.Inputs.ToDictionary(
            feed => feed.Key,
            feed => new FeedEntry(feed, SHA256.HashData(Encoding.UTF8.GetBytes(feed.Secret)), CreateLimiter(feed.RateLimit)),
            StringComparer.Ordinal);
    }

    public AuthOutcome Authenticate(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return AuthOutcome.Missing("Authentication is required: HTTP Basic with the input feed's key and secret.");
        }

        const string scheme = "Basic ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return AuthOutcome.Missing("The Authorization header must use the Basic scheme with the input feed's key and secret.");
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return AuthOutcome.Missing("The Basic credentials are not valid base64.");
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return AuthOutcome.Missing("The Basic credentials must be 'key:secret'.");
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(decoded[(colon + 1)..]));
        if (!_byKey.TryGetValue(decoded[..colon], out var entry))
        {
            return AuthOutcome.Denied("The key or secret is not valid for any input feed.");
        }

        return CryptographicOperations.FixedTimeEquals(presentedHash, entry.SecretHash)
            ? AuthOutcome.Success(entry)
            : AuthOutcome.Denied("The key or secret is not valid for any input feed.");
    }

    public void Dispose()
    {
        foreach (var entry in _byKey.Values)
        {
            entry.Limiter.Dispose();
        }
    }

    private static TokenBucketRateLimiter CreateLimiter(FeedRateLimit limit)
    {
        // Refill every 100 ms when the rate divides evenly, so a feed's budget flows smoothly; otherwise once a second.
        var (period, perPeriod) = limit.BatchesPerSecond % 10 == 0
            ? (TimeSpan.FromMilliseconds(100), limit.BatchesPerSecond / 10)
            : (TimeSpan.FromSeconds(1), limit.BatchesPerSecond);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit.Burst,
            TokensPerPeriod = perPeriod,
            ReplenishmentPeriod = period,
            AutoReplenishment = true,
            QueueLimit = 0,
        });
    }
}
