using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Sandbox.Hosting;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class AuthHttpTests
{
    [Fact]
    public async Task A_missing_key_answers_401()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""", key: null!);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Invalid API key", (string?)body!["message"]);
    }

    [Theory]
    [InlineData("Bearer nope")]
    [InlineData("Bearer \"full-key\"")]
    [InlineData("Basic full-key")]
    [InlineData("full-key")]
    public async Task An_unknown_or_malformed_key_answers_401(string header)
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/track")
        {
            Content = new StringContent("""{"attributes":[{"external_id":"u1","a":1}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var (status, _) = await sandbox.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [InlineData("Bearer nope", HttpStatusCode.Unauthorized)]
    [InlineData("Basic full-key", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer track-only-key", HttpStatusCode.Forbidden)]
    public async Task A_refused_key_gets_the_rate_limit_headers_and_does_not_spend_the_budget(string header, HttpStatusCode expected)
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/export/ids")
        {
            Content = new StringContent("""{"external_ids":["u1"],"fields_to_export":["external_id"]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var refused = await sandbox.Client.SendAsync(request);

        Assert.Equal(expected, refused.StatusCode);
        var limit = refused.Headers.GetValues("x-ratelimit-limit").Single();
        Assert.Equal(limit, refused.Headers.GetValues("x-ratelimit-remaining").Single());
        Assert.True(long.Parse(refused.Headers.GetValues("x-ratelimit-reset").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData("/users/delete", """{"external_ids":["u1"]}""")]
    [InlineData("/users/export/ids", """{"external_ids":["u1"],"fields_to_export":["external_id"]}""")]
    [InlineData("/users/alias/update", """{"alias_updates":[{"alias_label":"l","old_alias_name":"a","new_alias_name":"b"}]}""")]
    [InlineData("/users/external_ids/rename", """{"external_id_renames":[{"current_external_id":"a","new_external_id":"b"}]}""")]
    [InlineData("/users/external_ids/remove", """{"external_ids":["a"]}""")]
    [InlineData("/users/alias/new", """{"user_aliases":[{"alias_name":"a","alias_label":"l"}]}""")]
    [InlineData("/users/identify", """{"aliases_to_identify":[{"external_id":"u1","user_alias":{"alias_name":"a","alias_label":"l"}}]}""")]
    [InlineData("/users/merge", """{"merge_updates":[]}""")]
    public async Task A_key_without_the_endpoint_permission_answers_403(string path, string json)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, body) = await sandbox.PostAsync(path, json, SandboxHttp.TrackOnlyKey);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Access Denied", (string?)body!["message"]);
    }

    [Fact]
    public async Task A_key_with_the_permission_is_accepted()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var (status, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","a":1}]}""", SandboxHttp.TrackOnlyKey);

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Control_routes_need_no_key()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        using var reset = await sandbox.Client.PostAsync(new Uri("_sandbox/reset", UriKind.Relative), null);
        using var users = await sandbox.Client.GetAsync(new Uri("_sandbox/users", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
    }

    [Fact]
    public async Task An_embedding_host_without_the_middleware_is_still_protected_by_the_route_filter()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var options = new SandboxOptions();
        options.ApiKeys.Add(new SandboxApiKey("embedded", "users.track"));
        builder.Services.AddSwitchyardSandbox(options);
        await using var app = builder.Build();
        app.MapSwitchyardSandbox();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

        using var anonymous = await client.PostAsync(new Uri("users/track", UriKind.Relative), new StringContent("""{"attributes":[{"external_id":"u1"}]}""", Encoding.UTF8, "application/json"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "users/delete") { Content = new StringContent("""{"external_ids":["u1"]}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "embedded");
        using var forbidden = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await app.StopAsync();
    }
}
