using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// The routes the Braze Web SDK calls under the <c>baseUrl</c> given to <c>braze.initialize</c> (Braze: Integrate the
/// Braze SDK, https://www.braze.com/docs/developer_guide/sdk_integration/?sdktab=web): a base URL
/// with a bare path becomes <c>…/api/v3</c>, and data goes to <c>/api/v3/data/</c> (observed from
/// <c>@braze/web-sdk</c> 6.13.0; the SDK's wire format is internal to Braze).
/// </summary>
internal static class WebSdkPaths
{
    public static readonly PathString Prefix = new("/api/v3");

    public const string Data = "/api/v3/data";
    public const string ContentCardsSync = "/api/v3/content_cards/sync";
    public const string FeatureFlagsSync = "/api/v3/feature_flags/sync";
    public const string BannersSync = "/api/v3/banners/sync";

    /// <summary>Web SDK routes carry an SDK key, not a REST key: no REST-key rate limits, CORS on every answer.</summary>
    public static bool IsWebSdk(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);
}
