using Microsoft.Net.Http.Headers;

namespace Switchyard.WebSdk;

/// <summary>The content types a page's event batch may come with: the Web SDK's <c>text/plain</c>, or JSON.</summary>
internal static class WebSdkContentTypes
{
    public static bool IsJsonText(string? contentType) =>
        contentType is null
        || Json.JsonContentType.IsJson(contentType)
        || MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase);
}
