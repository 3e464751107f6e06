using System.Net;
using System.Net.Http.Headers;
using Switchyard.Sandbox.Tests.Http;

namespace Switchyard.Sandbox.Tests.Control;

/// <summary>
/// The control API can reset state, inject faults and point Currents somewhere: on loopback only the machine's own users
/// reach it, but a sandbox listening on every address guards it with a control token.
/// </summary>
public sealed class ControlTokenTests
{
    [Fact]
    public async Task On_loopback_the_control_api_needs_no_token()
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        Assert.Null(sandbox.Server.ControlToken);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(sandbox, HttpMethod.Get, "_sandbox/users", token: null)).Status);
    }

    [Theory]
    [InlineData("GET", "_sandbox/users")]
    [InlineData("POST", "_sandbox/reset")]
    [InlineData("GET", "_sandbox/datapoints")]
    [InlineData("PUT", "_sandbox/segments/s")]
    [InlineData("POST", "_sandbox/faults")]
    [InlineData("PUT", "_sandbox/currents/connector")]
    [InlineData("GET", "_sandbox/no-such-route")]
    [InlineData("GET", "_SANDBOX/USERS")]
    public async Task Listening_on_every_address_the_control_api_needs_the_generated_token(string method, string path)
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.ListenOnAnyAddress = true);
        var token = sandbox.Server.ControlToken;
        Assert.False(string.IsNullOrEmpty(token));

        var (missing, body) = await SendAsync(sandbox, new HttpMethod(method), path, token: null);
        var (wrong, _) = await SendAsync(sandbox, new HttpMethod(method), path, token: token + "x");
        var (rest, _) = await SendAsync(sandbox, new HttpMethod(method), path, token: SandboxHttp.FullKey);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (missing, wrong, rest));
        Assert.Contains("control token", (string?)body!["message"], StringComparison.Ordinal);
        Assert.Equal(0, (int)(await SendAsync(sandbox, HttpMethod.Get, "_sandbox/users", token)).Body!["total"]!);
    }

    [Fact]
    public async Task With_the_token_the_control_api_works_and_braze_routes_still_take_their_rest_key()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.ListenOnAnyAddress = true);
        var token = sandbox.Server.ControlToken;

        var (tracked, _) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","first_name":"Ada"}]}""");
        var (users, body) = await SendAsync(sandbox, HttpMethod.Get, "_sandbox/users", token);

        Assert.Equal(HttpStatusCode.Created, tracked);
        Assert.Equal(HttpStatusCode.OK, users);
        Assert.Equal(1, (int)body!["total"]!);
    }

    [Fact]
    public async Task A_token_given_in_the_options_is_required_on_loopback_too()
    {
        await using var sandbox = await SandboxHttp.StartAsync(o => o.ControlToken = "my-control-token-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(sandbox, HttpMethod.Get, "_sandbox/users", token: null)).Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(sandbox, HttpMethod.Get, "_sandbox/users", "my-control-token-0123456789")).Status);
    }

    private static Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode? Body)> SendAsync(SandboxHttp sandbox, HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get)
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return sandbox.SendAsync(request);
    }
}
