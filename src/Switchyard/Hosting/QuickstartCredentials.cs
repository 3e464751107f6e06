namespace Switchyard.Hosting;

/// <summary>
/// The quickstart's generated credentials, kept in the data directory (<c>quickstart.json</c>) so they
/// survive restarts.
/// </summary>
internal sealed record QuickstartCredentials(string FeedKey, string FeedSecret);
