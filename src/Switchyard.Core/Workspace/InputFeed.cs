namespace Switchyard.Core.Workspace;

/// <summary>An input feed: a source of batches with its own Basic-auth key and secret.</summary>
/// <param name="Environment">When set, batches must declare this environment (or none, which then means it).</param>
public sealed record InputFeed(string Id, string Name, string Key, string Secret, string? Environment, FeedRateLimit RateLimit)
{
    /// <summary>Never prints the secret, so a feed can be logged or shown safely.</summary>
    public override string ToString() => $"InputFeed {{ Id = {Id}, Name = {Name}, Key = {Key}, Secret = *** }}";
}
