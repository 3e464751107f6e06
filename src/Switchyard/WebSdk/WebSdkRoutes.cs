using Microsoft.AspNetCore.Http;

namespace Switchyard.WebSdk;

/// <summary>The paths the mParticle Web SDK uses with its <c>domain</c> option, and where each carries the web key.</summary>
internal static class WebSdkRoutes
{
    public const string Config = "/tags/JS/v2/{key}/config";
    public const string Events = "/webevents/v3/JS/{key}/events";
    public const string ForwardingV1 = "/webevents/v1/JS/{key}/Forwarding";
    public const string ForwardingV2 = "/webevents/v2/JS/{key}/Forwarding";
    public const string Alias = "/webevents/v1/identity/{key}/Alias";

    /// <summary>The web key in a config, events, forwarding or alias path; null for other paths (identity carries it in <c>x-mp-key</c>).</summary>
    public static string? KeyOf(PathString path)
    {
        var segments = (path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["tags", "JS", "v2", var key, "config"] => key,
            ["webevents", "v3" or "v2" or "v1", "JS", var key, _] => key,
            ["webevents", "v1", "identity", var key, "Alias"] => key,
            _ => null,
        };
    }
}
