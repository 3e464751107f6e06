namespace Switchyard.Braze.Settings;

/// <summary>
/// What every Braze output needs to reach <c>/users/track</c>: the REST key and endpoint, the request budget and the
/// batch rule. Event and audience outputs both expose one, so outputs sharing a key share one rate gate
/// (<see cref="Delivery.BrazeRateGates"/>). <see cref="ToString"/> never shows the key.
/// </summary>
/// <param name="RestApiKey">The App Group REST API key (a secret: sent as the Bearer token only).</param>
/// <param name="RestEndpoint">The REST base URL.</param>
/// <param name="RateLimit">Requests per 3 seconds (reference/braze.md §1.8).</param>
/// <param name="BatchRule">How many objects one request may carry.</param>
public sealed record BrazeConnection(string RestApiKey, Uri RestEndpoint, int RateLimit, BrazeBatchRule BatchRule)
{
    public override string ToString() => $"BrazeConnection {{ RestEndpoint = {RestEndpoint}, RateLimit = {RateLimit}, BatchRule = {BatchRule} }}";
}
