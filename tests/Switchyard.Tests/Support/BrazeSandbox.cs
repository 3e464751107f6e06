using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Tests.Support;

/// <summary>A Braze sandbox on a loopback port with the given REST keys, and the export a test reads Braze's state with.</summary>
internal sealed class BrazeSandbox : IAsyncDisposable
{
    private BrazeSandbox(SandboxServer server)
    {
        Server = server;
        Client = new HttpClient { BaseAddress = server.BaseAddress };
    }

    public SandboxServer Server { get; }

    /// <summary>A client on the sandbox's base address, for its Braze routes and its control routes.</summary>
    public HttpClient Client { get; }

    /// <summary>The base address as a Braze output's <c>customRestEndpoint</c> takes it.</summary>
    public string Endpoint => Server.BaseAddress.ToString().TrimEnd('/');

    public static Task<BrazeSandbox> StartAsync(params string[] restKeys) => StartAsync(_ => { }, restKeys);

    /// <summary>A sandbox with the given REST keys and its options changed by <paramref name="configure"/>.</summary>
    /// <summary>A sandbox whose request log keeps every request with its whole body (up to 64 KB), for tests that read back what was delivered.</summary>
    public static Task<BrazeSandbox> StartWithFullRequestLogAsync(params string[] restKeys) =>
        StartAsync(
            options =>
            {
                options.Control.RequestLogCapacity = 100_000;
                options.Control.RequestLogBodyExcerptBytes = 65_536;
            },
            restKeys);

    public static async Task<BrazeSandbox> StartAsync(Action<SandboxOptions> configure, params string[] restKeys)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SandboxOptions { Port = 0 };
        configure(options);
        foreach (var key in restKeys)
        {
            options.ApiKeys.Add(new SandboxApiKey(key));
        }

        return new BrazeSandbox(await SandboxServer.StartAsync(options));
    }

    /// <summary><c>/users/export/ids</c> for one external id with these <c>fields_to_export</c>; null when Braze has no such user.</summary>
    public async Task<JsonNode?> ExportAsync(string restKey, string externalId, params string[] fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
        {
            Content = new StringContent(
                new JsonObject { ["external_ids"] = new JsonArray(externalId), ["fields_to_export"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]) }.ToJsonString(),
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", restKey);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var users = JsonNode.Parse(text)!["users"]!.AsArray();
        return users.Count == 0 ? null : users[0];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
