using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Cli;

/// <summary>Who can reach what when the processes are told to listen beyond loopback.</summary>
public sealed class NetworkExposureProcessTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "switchyard-exposure-" + Guid.NewGuid().ToString("N"));

    public NetworkExposureProcessTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task A_sandbox_listening_on_every_address_prints_a_control_token_and_requires_it()
    {
        using var process = SwitchyardProcess.Start(_directory, "sandbox", "--port", "0", "--bind-any", "--allow-remote-currents");
        var address = (await process.WaitForLineAsync(SwitchyardProcess.SandboxListeningLine(), StartTimeout)).Groups[1].Value;
        var token = (await process.WaitForLineAsync(SwitchyardProcess.ControlTokenLine(), StartTimeout)).Groups[1].Value;
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var without = await client.GetAsync("/_sandbox/users");
        using var with = await SendAsync(client, HttpMethod.Get, "/_sandbox/users", token);
        // --allow-remote-currents: another machine is an accepted Currents target.
        using var remote = await SendAsync(client, HttpMethod.Put, "/_sandbox/currents/connector", token,
            """{"url":"http://10.0.0.5:8080/v2/bulkevents","api_key":"k","api_secret":"s"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(HttpStatusCode.OK, remote.StatusCode);
    }

    [Fact]
    public async Task The_quickstart_sandbox_stays_on_loopback_when_serve_listens_on_every_address()
    {
        using var process = SwitchyardProcess.Start(_directory, "serve", "--data", Path.Combine(_directory, "data"), "--port", "0", "--bind", "0.0.0.0");
        var service = new Uri((await process.WaitForLineAsync(SwitchyardProcess.ListeningLine(), StartTimeout)).Groups[1].Value);
        var sandbox = new Uri((await process.WaitForLineAsync(SwitchyardProcess.QuickstartSandboxLine(), StartTimeout)).Groups[1].Value);

        Assert.Equal("127.0.0.1", sandbox.Host);
        // The banner names addresses one can connect to, not the "any" address it binds.
        await process.WaitForLineAsync(new System.Text.RegularExpressions.Regex("^Press Ctrl"), StartTimeout);
        Assert.Contains("listening on every address of this machine (--bind 0.0.0.0)", process.Output, StringComparison.Ordinal);
        Assert.Contains($"From here       http://127.0.0.1:{service.Port}", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Switchyard is listening on http://0.0.0.0", process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Admin API       http://0.0.0.0", process.Output, StringComparison.Ordinal);
        // From another address of this machine (if it has one), the service answers and the sandbox does not.
        if (OtherAddress() is { } other)
        {
            Assert.True(await AcceptsAsync(other, service.Port), $"the service should listen on {other}");
            Assert.False(await AcceptsAsync(other, sandbox.Port), $"the quickstart sandbox must not listen on {other}");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request);
    }

    private static IPAddress? OtherAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));

    private static async Task<bool> AcceptsAsync(IPAddress address, int port)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.ConnectAsync(address, port, timeout.Token);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
