namespace Switchyard.Braze.Client;

/// <summary>The <see cref="HttpClient"/> a Braze output sends through, and the settings the host's client factory gives it.</summary>
internal static class BrazeHttpClients
{
    /// <summary>The name of the client the host registers with <c>IHttpClientFactory</c>.</summary>
    public const string Name = "braze";

    /// <summary>How long one request may take, answer included (<see cref="BrazeTrackClient"/> applies it to the body too).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Redirects are never followed: a followed 307 or 308 sends the request body, the users' data, to whatever host the
    /// endpoint names, and the answer from there would count as Braze's. <see cref="BrazeTrackClient"/> reports a 3xx as
    /// a retryable outcome naming the target instead, so the operator can point the output at the final address.
    /// Outputs hold their client for the life of the process, so pooled connections are renewed every few minutes
    /// instead: a Braze endpoint whose address changes in DNS is followed without a restart.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new() { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    /// <summary>A client of its own (tests and tools); the host takes its clients from the factory instead.</summary>
    public static HttpClient Create() => new(CreateHandler()) { Timeout = Timeout };
}
