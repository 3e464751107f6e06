using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Switchyard.Core.Workspace;

namespace Switchyard.Ingest;

/// <summary>
/// Finds the input feed for a request's credentials (Basic, or Bearer <c>key:secret</c> where a route allows it). Secrets are compared as SHA-256 hashes with
/// <see cref="CryptographicOperations.FixedTimeEquals"/>, so the comparison takes the same time whatever
/// the presented secret and its length. Keys are not secret: they are looked up directly.
/// </summary>
/// <remarks>
/// The feeds change at run time (the admin API): <see cref="Replace"/> builds a new immutable map and swaps it in, so a
/// request sees the feeds either before or after a change, never half of one, and a deleted input's credentials are
/// refused from the moment the admin API answers.
/// </remarks>
internal sealed class FeedDirectory : IDisposable
{
    private readonly Lock _gate = new();

    // Entries of deleted or changed feeds: a request that found one just before the swap may still use its limiter.
    private readonly List<FeedEntry> _retired = [];
    private volatile Dictionary<string, FeedEntry> _byKey;

    public FeedDirectory(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        _byKey = Build(workspace, []);
    }

    /// <summary>
    /// Takes the workspace's inputs from now on. An input that did not change keeps its entry, and so the budget left
    /// in its rate limiter; a new or changed one starts with a full bucket.
    /// </summary>
    public void Replace(Workspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        lock (_gate)
        {
            var current = _byKey;
            var next = Build(workspace, current);
            _retired.AddRange(current.Values.Where(entry => !next.TryGetValue(entry.Feed.Key, out var kept) || !ReferenceEquals(kept, entry)));
            _byKey = next;
        }
    }

    private static Dictionary<string, FeedEntry> Build(Workspace workspace, Dictionary<string, FeedEntry> current) =>
        workspace.Inputs.ToDictionary(
            feed => feed.Key,
            feed => current.TryGetValue(feed.Key, out var entry) && entry.Feed.Equals(feed)
                ? entry
                : new FeedEntry(feed, SHA256.HashData(Encoding.UTF8.GetBytes(feed.Secret)), CreateLimiter(feed.RateLimit)),
            StringComparer.Ordinal);

    /// <summary>
    /// Checks an <c>Authorization</c> header: HTTP Basic with the feed's <c>key:secret</c> (the Events API), or, when
    /// <paramref name="bearer"/> allows it, <c>Bearer key:secret</c> (Braze's Custom HTTP connector has one token field).
    /// </summary>
    public AuthOutcome Authenticate(string? authorization, BearerCredentials bearer = BearerCredentials.Refused)
    {
        bool allowBearer = bearer == BearerCredentials.Accepted;
        if (string.IsNullOrEmpty(authorization))
        {
            return AuthOutcome.Missing(allowBearer
                ? "Authentication is required: Bearer 'key:secret' or HTTP Basic with the input feed's key and secret."
                : "Authentication is required: HTTP Basic with the input feed's key and secret.");
        }

        const string basic = "Basic ";
        const string bearerScheme = "Bearer ";
        if (authorization.StartsWith(basic, StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return Verify(Encoding.UTF8.GetString(Convert.FromBase64String(authorization[basic.Length..].Trim())), "The Basic credentials must be 'key:secret'.");
            }
            catch (FormatException)
            {
                return AuthOutcome.Missing("The Basic credentials are not valid base64.");
            }
        }

        if (allowBearer && authorization.StartsWith(bearerScheme, StringComparison.OrdinalIgnoreCase))
        {
            return Verify(authorization[bearerScheme.Length..].Trim(), "The Bearer token must be the input feed's key and secret joined by a colon: 'key:secret'.");
        }

        return AuthOutcome.Missing(allowBearer
            ? "The Authorization header must be 'Bearer key:secret' or HTTP Basic with the input feed's key and secret."
            : "The Authorization header must use the Basic scheme with the input feed's key and secret.");
    }

    private AuthOutcome Verify(string credentials, string notKeySecret)
    {
        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return AuthOutcome.Missing(notKeySecret);
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(credentials[(colon + 1)..]));
        if (!_byKey.TryGetValue(credentials[..colon], out var entry))
        {
            return AuthOutcome.Denied("The key or secret is not valid for any input feed.");
        }

        // A web input has no secret: its public key alone must never pass as server credentials.
        if (entry.Feed.IsWeb)
        {
            return AuthOutcome.Denied($"Input '{entry.Feed.Id}' is a web input: browsers send to it with its key on the Web SDK's routes; servers use an input of kind events.", entry.Feed.Id);
        }

        return CryptographicOperations.FixedTimeEquals(presentedHash, entry.SecretHash)
            ? AuthOutcome.Success(entry)
            : AuthOutcome.Denied("The key or secret is not valid for any input feed.", entry.Feed.Id);
    }

    /// <summary>The web input with this public key; null when no web input has it.</summary>
    public FeedEntry? WebInput(string? key) =>
        key is not null && _byKey.TryGetValue(key, out var entry) && entry.Feed.IsWeb ? entry : null;

    /// <summary>Whether any web input takes pages from <paramref name="origin"/> (for preflights that do not name a key).</summary>
    public bool AnyWebInputAllows(string? origin) => _byKey.Values.Any(e => e.Feed.AllowsOrigin(origin));

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _byKey.Values.Concat(_retired))
            {
                entry.Limiter.Dispose();
            }
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
