using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary>A real <see cref="SandboxServer"/> on loopback port 0 and an HttpClient talking to it.</summary>
internal sealed class SandboxHttp : IAsyncDisposable
{
    public const string FullKey = "full-key";
    public const string TrackOnlyKey = "track-only-key";
    public const string OtherKey = "other-key";

    /// <summary>A <c>fields_to_export</c> member listing every field, for exports that read the whole user.</summary>
    public static readonly string AllFields =
        "\"fields_to_export\":[" + string.Join(',', Export.ExportFields.All.Select(f => $"\"{f}\"")) + "]";

    private SandboxHttp(SandboxServer server)
    {
        Server = server;
        Client = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public SandboxServer Server { get; }

    public HttpClient Client { get; }

    public static async Task<SandboxHttp> StartAsync(
        Action<SandboxOptions>? configure = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null)
    {
        var options = new SandboxOptions { Port = 0, TimeProvider = time };
        options.ApiKeys.Add(new SandboxApiKey(FullKey));
        options.ApiKeys.Add(new SandboxApiKey(TrackOnlyKey, "users.track"));
        options.ApiKeys.Add(new SandboxApiKey(OtherKey));
        configure?.Invoke(options);
        return new SandboxHttp(await SandboxServer.StartAsync(options, services));
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, string json, string? key = FullKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> TrackAsync(string json, string key = FullKey) =>
        PostAsync("/users/track", json, key);

    public async Task<JsonObject> ExportAsync(string externalId)
    {
        var (status, body) = await PostAsync("/users/export/ids", $$"""{"external_ids":["{{externalId}}"],{{AllFields}}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return Assert.Single(body!["users"]!.AsArray())!.AsObject();
    }

    public async Task<long> DataPointsAsync(string key = FullKey) =>
        (long)(await GetAsync($"/_sandbox/datapoints?key={key}"))["total"]!["total"]!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
