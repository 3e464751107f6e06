using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Track;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// The SDK key of a Web SDK request: the <c>X-Braze-Api-Key</c> header the SDK always sends, else the body's
/// <c>api_key</c>. SDK keys are public (every page that loads the SDK shows its key), so they identify an app rather
/// than authorise a caller.
/// </summary>
internal static class WebSdkApiKey
{
    public const string Header = "X-Braze-Api-Key";

    /// <summary>The key if the sandbox accepts it, else null.</summary>
    public static string? Accepted(HttpRequest request, JsonObject body, SandboxSettings settings)
    {
        string? key = request.Headers[Header];
        if (string.IsNullOrEmpty(key))
        {
            ObjectIdentity.IsNonEmptyString(body["api_key"], out key);
        }

        return key is not null && settings.SdkApiKeys.Contains(key) ? key : null;
    }
}
