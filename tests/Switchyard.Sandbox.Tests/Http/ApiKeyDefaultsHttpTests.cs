using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Tests.Http;

/// <summary>Which keys the sandbox takes: only configured ones by default, as Braze does; any key on request.</summary>
public sealed class ApiKeyDefaultsHttpTests
{
    private static async Task<HttpStatusCode> TrackAsync(SandboxServer server, string key)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/track")
        {
            Content = new StringContent("""{"attributes":[{"external_id":"u1","a":1}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_sandbox_without_configured_keys_refuses_every_key()
    {
        await using var server = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 });

        Assert.Equal(HttpStatusCode.Unauthorized, await TrackAsync(server, "whatever"));
    }

    [Fact]
    public async Task Accept_any_key_takes_unknown_keys_with_every_permission_and_keeps_listed_keys_permissions()
    {
        var options = new SandboxOptions { Port = 0, AcceptAnyKey = true };
        options.ApiKeys.Add(new SandboxApiKey("export-only", "users.export.ids"));
        await using var server = await SandboxServer.StartAsync(options);

        Assert.Equal(HttpStatusCode.Created, await TrackAsync(server, "whatever"));
        Assert.Equal(HttpStatusCode.Forbidden, await TrackAsync(server, "export-only"));
    }

    [Fact]
    public async Task Strict_mode_refuses_unknown_keys_even_when_any_key_is_accepted()
    {
        var options = new SandboxOptions { Port = 0, AcceptAnyKey = true, Strict = true };
        options.ApiKeys.Add(new SandboxApiKey("known"));
        await using var server = await SandboxServer.StartAsync(options);

        Assert.Equal(HttpStatusCode.Unauthorized, await TrackAsync(server, "whatever"));
        Assert.Equal(HttpStatusCode.Created, await TrackAsync(server, "known"));
    }
}
