namespace Switchyard.Hosting;

/// <summary>
/// The quickstart's generated credentials, kept in the data directory (<c>quickstart.json</c>) so they
/// survive restarts.
/// </summary>
/// <param name="SandboxApiKey">The REST key of the embedded Braze sandbox (added later to older files).</param>
internal sealed record QuickstartCredentials(string FeedKey, string FeedSecret, string? SandboxApiKey = null);
