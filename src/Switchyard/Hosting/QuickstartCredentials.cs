namespace Switchyard.Hosting;

/// <summary>
/// The quickstart's generated credentials, kept in the data directory (<c>quickstart.json</c>) so they
/// survive restarts.
/// </summary>
/// <param name="SandboxApiKey">The REST key of the embedded Braze sandbox (added later to older files).</param>
/// <param name="BrazeFeedKey">The key of the Braze Currents feed the sandbox posts to (added later to older files).</param>
/// <param name="BrazeFeedSecret">Its secret.</param>
internal sealed record QuickstartCredentials(
    string FeedKey, string FeedSecret, string? SandboxApiKey = null, string? BrazeFeedKey = null, string? BrazeFeedSecret = null);
