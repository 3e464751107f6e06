using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Persistence;
using Switchyard.Sandbox.RateLimits;
using Switchyard.Sandbox.Tests.Http;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.RateLimits;

/// <summary>Braze sends the x-ratelimit headers on every answer, refusals and failures included (reference/braze.md §1.8).</summary>
public sealed class RateLimitHeadersOnEveryAnswerTests
{
    private const string Track = """{"attributes":[{"external_id":"u1","a":1}]}""";

    public static TheoryData<string> Refusals() =>
    [
        "400 malformed json", "404 unknown route", "413 body over 4 MB", "415 text content type", "415 gzip content coding",
        "429 over the limit", "500 injected", "502 injected", "503 injected", "504 injected",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Every_refusal_of_a_braze_route_carries_the_rate_limit_headers(string refusal)
    {
        var status = int.Parse(refusal[..3], System.Globalization.CultureInfo.InvariantCulture);
        await using var sandbox = await SandboxHttp.StartAsync(o => o.Control.RateLimits = new SandboxRateLimitOptions { Track = new(1, 60) });
        if (refusal.EndsWith("injected", StringComparison.Ordinal))
        {
            using var fault = await sandbox.Client.PostAsync("/_sandbox/faults", new StringContent($$"""{"kind":"status","status":{{status}}}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, fault.StatusCode);
        }

        if (status == 429)
        {
            using var first = await SendAsync(sandbox, "users/track", new StringContent(Track, Encoding.UTF8, "application/json"));
        }

        using var response = await SendAsync(sandbox, status == 404 ? "users/nothing" : "users/track", status switch
        {
            400 => new StringContent("{", Encoding.UTF8, "application/json"),
            413 => new StringContent("{\"pad\":\"" + new string('x', 4 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"),
            415 when refusal.Contains("text", StringComparison.Ordinal) => new StringContent(Track, Encoding.UTF8, "text/plain"),
            415 => Gzip(),
            _ => new StringContent(Track, Encoding.UTF8, "application/json"),
        });

        Assert.Equal(status, (int)response.StatusCode);
        AssertHeaders(response);
    }

    [Fact]
    public async Task A_500_from_a_failed_commit_carries_the_rate_limit_headers()
    {
        await using var sandbox = await SandboxHttp.StartAsync(services: s => s.AddSingleton<IStatePersistence>(new FailingPersistence { FailCommits = true }));

        using var response = await SendAsync(sandbox, "users/track", new StringContent(Track, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertHeaders(response);
    }

    [Fact]
    public async Task Control_route_errors_carry_no_rate_limit_headers()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "_sandbox/segments/s") { Content = Gzip() };

        using var response = await sandbox.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(response.Headers.Contains(RateLimitHeaders.Limit));
    }

    private static void AssertHeaders(HttpResponseMessage response)
    {
        Assert.True(response.Headers.Contains(RateLimitHeaders.Limit), $"{(int)response.StatusCode} lacks {RateLimitHeaders.Limit}");
        Assert.True(response.Headers.Contains(RateLimitHeaders.Remaining), $"{(int)response.StatusCode} lacks {RateLimitHeaders.Remaining}");
        Assert.True(long.Parse(response.Headers.GetValues(RateLimitHeaders.Reset).Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    private static StringContent Gzip()
    {
        var content = new StringContent(Track, Encoding.UTF8, "application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private static async Task<HttpResponseMessage> SendAsync(SandboxHttp sandbox, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxHttp.FullKey);
        return await sandbox.Client.SendAsync(request);
    }
}
