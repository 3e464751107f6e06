namespace Switchyard.Sandbox.Hosting;

/// <summary>
/// Where the sandbox delivers its simulated Braze Currents: an mParticle-compatible Events API endpoint, as Braze's
/// mParticle export would (reference/mparticle.md §5). A URL ending in <c>/v2/events</c> gets one batch per request;
/// any other URL (normally <c>…/v2/bulkevents</c>) gets arrays of up to 100 batches.
/// </summary>
public sealed class SandboxCurrentsConnector
{
    public SandboxCurrentsConnector(
        Uri url, string apiKey, string apiSecret, SandboxCurrentsEnvironment environment = SandboxCurrentsEnvironment.Production)
    {
        Url = url;
        ApiKey = apiKey;
        ApiSecret = apiSecret;
        Environment = environment;
    }

    /// <summary>Absolute http or https URL, e.g. <c>http://127.0.0.1:8080/v2/bulkevents</c>.</summary>
    public Uri Url { get; }

    /// <summary>The mParticle server-to-server key: the user name of HTTP Basic auth.</summary>
    public string ApiKey { get; }

    /// <summary>The mParticle server-to-server secret: the password of HTTP Basic auth. Never logged or echoed.</summary>
    public string ApiSecret { get; }

    /// <summary>The <c>environment</c> every batch carries.</summary>
    public SandboxCurrentsEnvironment Environment { get; }
}
