using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Tests.Http;
using Switchyard.Testing.Hostile;

namespace Switchyard.Sandbox.Tests.Hostile;

/// <summary>A body the client abandons or sends too slowly is the client's problem: a Debug line, no stack trace, no 500.</summary>
public sealed class SandboxBodyFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <param name="reset">True: the client resets the connection (RST) instead of closing it (FIN).</param>
    [Theory]
    [InlineData("/users/track", false)]
    [InlineData("/users/track", true)]
    [InlineData("/_sandbox/segments/evaluate", false)]
    [InlineData("/_sandbox/segments/evaluate", true)]
    public async Task A_client_that_leaves_mid_body_is_logged_at_debug_without_a_stack_trace(string path, bool reset)
    {
        using var logs = new LogRecorder();
        await using var sandbox = await StartAsync(logs);
        var request = new RawRequest("POST", path)
        {
            Headers = [new("Authorization", "Bearer " + SandboxHttp.FullKey), new("Content-Type", "application/json"), new("Content-Length", "1000")],
            Framing = Encoding.ASCII.GetBytes("{\"attributes\":["),
            CloseAfterSending = true,
        };

        if (reset)
        {
            await RawHttp.SendAndResetAsync(sandbox.Server.BaseAddress, request with { CloseAfterSending = false }, Timeout);
        }
        else
        {
            try
            {
                await RawHttp.SendAsync(sandbox.Server.BaseAddress, request, Timeout);
            }
            catch (Exception e) when (e is InvalidDataException or System.Net.Sockets.SocketException)
            {
                // The server may close without an answer: nobody was left to read one.
            }
        }

        var logged = await logs.WaitForAsync(e => e.EventId is 7007 or 7011, Timeout);
        Assert.Equal(LogLevel.Debug, logged.Level);
        Assert.Null(logged.Exception);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
    }

    [Fact]
    public async Task A_body_too_slow_for_kestrel_is_a_408_with_a_json_message_logged_at_debug_without_a_stack_trace()
    {
        using var logs = new LogRecorder();
        // Kestrel's shortest grace period (just over one heartbeat), so the test waits two or three seconds, not five or more.
        await using var sandbox = await StartAsync(logs, kestrel => kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.5)));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(sandbox.Server.BaseAddress.Host, sandbox.Server.BaseAddress.Port);
        var head = new RawRequest("POST", "/users/track")
        {
            Headers = [new("Authorization", "Bearer " + SandboxHttp.FullKey), new("Content-Type", "application/json"), new("Content-Length", "1000")],
            Framing = Encoding.ASCII.GetBytes("{\"attributes\":["),
        };
        await socket.SendAsync(head.ToBytes());

        // The rest of the body never comes; the answer arrives once Kestrel gives up on it.
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(Timeout);
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        var response = RawResponse.Parse(received.ToArray());
        Assert.True(response.Status == 408, response.ToString());
        Assert.NotNull(response.JsonBody()?["message"]);
        var logged = await logs.WaitForAsync(e => e.EventId == 7007, Timeout);
        Assert.Equal(LogLevel.Debug, logged.Level);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
    }

    private static Task<SandboxHttp> StartAsync(LogRecorder logs, Action<KestrelServerOptions>? kestrel = null) =>
        SandboxHttp.StartAsync(services: services =>
        {
            services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning));
            if (kestrel is not null)
            {
                services.Configure(kestrel);
            }
        });
}
