using Switchyard.Sandbox.Control;

namespace Switchyard.Sandbox.RateLimits;

/// <summary>Maps a Braze route to its rate-limit class (reference/braze.md §1.8, §2).</summary>
internal static class RateLimitClassifier
{
    private static readonly Dictionary<string, RateLimitClass> ByPath = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/users/track"] = RateLimitClass.Track,
        ["/users/delete"] = RateLimitClass.UserWrites,
        ["/users/alias/new"] = RateLimitClass.UserWrites,
        ["/users/alias/update"] = RateLimitClass.UserWrites,
        ["/users/identify"] = RateLimitClass.UserWrites,
        ["/users/merge"] = RateLimitClass.UserWrites,
        ["/users/export/ids"] = RateLimitClass.ExportIds,
        ["/users/external_ids/rename"] = RateLimitClass.ExternalIdsRename,
        ["/users/external_ids/remove"] = RateLimitClass.ExternalIdsRemove,
    };

    /// <summary>Unlisted routes, including <c>/users/track/sync</c> and <c>/users/track/bulk</c>, fall into <see cref="RateLimitClass.Other"/>.</summary>
    public static RateLimitClass Classify(string? path) =>
        ByPath.TryGetValue(SandboxPaths.Normalize(path), out var limitClass) ? limitClass : RateLimitClass.Other;

    public static SandboxRateLimit LimitFor(this SandboxRateLimitOptions options, RateLimitClass limitClass) =>
        limitClass switch
        {
            RateLimitClass.Track => options.Track,
            RateLimitClass.UserWrites => options.UserWrites,
            RateLimitClass.ExportIds => options.ExportIds,
            RateLimitClass.ExternalIdsRename or RateLimitClass.ExternalIdsRemove => options.ExternalIds,
            _ => options.Other,
        };
}
