namespace Switchyard.Braze.Client;

/// <summary>The <see cref="HttpClient"/> a Braze output sends through.</summary>
internal static class BrazeHttpClients
{
    /// <summary>
    /// Redirects are never followed: a followed 307 or 308 sends the request body, the users' data, to whatever host the
    /// endpoint names, and the answer from there would count as Braze's. <see cref="BrazeTrackClient"/> reports a 3xx as
    /// a retryable outcome naming the target instead, so the operator can point the output at the final address.
    /// </summary>
    public static HttpClient Create() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(30) };
}
