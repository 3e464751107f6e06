using System.Net.Http.Headers;
using System.Text;

namespace Switchyard.Benchmarks.Load;

/// <summary>Where <see cref="LoadRunner"/> posts and how: a path, a content type, and the feed's credentials or a page's origin.</summary>
internal sealed record LoadTarget(string Path, string ContentType, bool Web)
{
    private static readonly AuthenticationHeaderValue Basic =
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ServerProcess.Key}:{ServerProcess.Secret}")));

    public static LoadTarget Bulk { get; } = new("/v2/bulkevents", "application/json", Web: false);

    public static LoadTarget Single { get; } = new("/v2/events", "application/json", Web: false);

    /// <summary>The Web SDK's route: one batch as text/plain, the web input's key in the path, a page's Origin.</summary>
    public static LoadTarget WebSdk { get; } = new($"/webevents/v3/JS/{ServerProcess.WebKey}/events", "text/plain; charset=UTF-8", Web: true);

    public HttpRequestMessage Request(byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        if (Web)
        {
            request.Headers.Add("Origin", "https://shop.example.com");
        }
        else
        {
            request.Headers.Authorization = Basic;
        }

        return request;
    }
}
