using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// Content cards, feature flags and banners sync routes, which the SDK calls only when the server's config enables
/// them: the sandbox has none of these, so each answers its empty form after the same body and key checks as
/// <c>/data/</c>. The shapes are read from the SDK's parsers, not checked against Braze's servers.
/// </summary>
internal sealed class WebSdkSyncEndpoint(SandboxSettings settings)
{
    public async Task<IResult> HandleAsync(HttpContext context, Func<JsonObject> empty)
    {
        var (_, _, refusal) = await WebSdkEnvelope.ReadAsync(context, settings).ConfigureAwait(false);
        return refusal ?? WebSdkReplies.Node(empty());
    }

    public static JsonObject NoContentCards() => new() { ["cards"] = new JsonArray(), ["full_sync"] = true };

    public static JsonObject NoFeatureFlags() => new() { ["feature_flags"] = new JsonArray() };

    public static JsonObject NoBanners() => new() { ["banners"] = new JsonObject() };
}
