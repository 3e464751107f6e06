namespace Switchyard.Ingest;

/// <summary>
/// The result of checking Basic credentials: a feed, or why not. Missing or unreadable credentials are a
/// 401 and wrong ones a 403, as mParticle answers (reference/mparticle.md §1.1).
/// </summary>
/// <param name="Refused">Who a refusal is counted against in the logs: the feed id when the key was right, else a description; never the key.</param>
internal readonly record struct AuthOutcome(FeedEntry? Feed, int Status, string Code, string Message, string Refused = "")
{
    public static AuthOutcome Success(FeedEntry feed) => new(feed, 200, "", "");

    public static AuthOutcome Missing(string message) => new(null, 401, "UNAUTHORIZED", message, "input feeds (no valid credentials)");

    public static AuthOutcome Denied(string message, string? feedId = null) => new(null, 403, "FORBIDDEN", message, feedId is null ? "input feeds (unknown key)" : $"input feed '{feedId}'");
}
