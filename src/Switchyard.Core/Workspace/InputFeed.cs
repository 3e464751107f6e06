namespace Switchyard.Core.Workspace;

/// <summary>An input feed: a source of batches with its own Basic-auth key and secret.</summary>
/// <param name="Environment">When set, batches must declare this environment (or none, which then means it).</param>
public sealed record InputFeed(string Id, string Name, string Key, string Secret, string? Environment, FeedRateLimit RateLimit)
{
    /// <summary>
    /// True to refuse a whole bulk request when any of its batches is invalid (400, nothing stored), as before partial
    /// acceptance; false (the default) stores the valid batches and reports the refused ones in the 202 answer.
    /// </summary>
    public bool Strict { get; init; }

    /// <summary>Who sends to the feed: an Events API client (the default) or Braze Currents.</summary>
    public InputFeedKind Kind { get; init; } = InputFeedKind.Events;

    /// <summary>For Braze feeds, a label naming the Braze workspace (app group) that feeds it; null when not given.</summary>
    public string? BrazeWorkspace { get; init; }

    /// <summary>For Braze feeds, whether workspace-level or app-level credentials feed it (descriptive only).</summary>
    public BrazeFeedScope BrazeScope { get; init; } = BrazeFeedScope.Workspace;

    /// <summary>The Braze app whose events an app-scoped feed carries; null otherwise.</summary>
    public string? BrazeAppId { get; init; }

    /// <summary>True for the feeds Braze Currents posts to: their events are de-duplicated by source_message_id.</summary>
    public bool IsBrazeFeed => Kind is InputFeedKind.BrazeIos or InputFeedKind.BrazeAndroid or InputFeedKind.BrazeWeb or InputFeedKind.BrazeUnbound;

    /// <summary>A web input: a public key and no secret, taken from browsers on <see cref="Origins"/> only.</summary>
    public bool IsWeb => Kind == InputFeedKind.Web;

    /// <summary>
    /// For web inputs, the origins (<c>https://shop.example.com</c>, scheme, host and port) whose pages may send; <c>*</c>
    /// allows any. Empty for other inputs.
    /// </summary>
    public IReadOnlyList<string> Origins { get; init; } = [];

    /// <summary>Whether a browser request from <paramref name="origin"/> may use this web input.</summary>
    public bool AllowsOrigin(string? origin) =>
        IsWeb && origin is { Length: > 0 } && Origins.Any(o => o == "*" || string.Equals(o, origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));

    /// <summary>Never prints the secret, so a feed can be logged or shown safely.</summary>
    public override string ToString() => $"InputFeed {{ Id = {Id}, Name = {Name}, Key = {Key}, Kind = {Kind}, Secret = *** }}";
}
