using System.Text;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Workspace;
using Switchyard.Testing.Hostile;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Hostile;

/// <summary>A body that cannot be read (broken framing, a client that leaves) is the client's fault: a 4xx, never a 500.</summary>
public sealed class RequestBodyFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("POST", "/v2/events", "app")]
    [InlineData("POST", "/v2/bulkevents", "app")]
    [InlineData("POST", "/v2/bulkevents/historical", "app")]
    [InlineData("POST", "/v2/currents", "braze")]
    [InlineData("POST", "/admin/audiences", "admin")]
    [InlineData("PUT", "/admin/audiences/7", "admin")]
    public async Task A_chunk_size_that_overflows_64_bits_is_a_400_json_error(string method, string path, string credentials)
    {
        using var logs = new LogRecorder();
        await using var service = await StartAsync(logs);
        var request = new RawRequest(method, path)
        {
            Headers =
            [
                new("Authorization", Authorization(service, credentials)),
                new("Content-Type", "application/json"),
                new("Transfer-Encoding", "chunked"),
            ],
            Framing = Encoding.ASCII.GetBytes("ffffffffffffffff\r\n{}\r\n0\r\n\r\n"),
        };

        var response = await RawHttp.SendAsync(service.Host.BaseAddress, request, Timeout);

        Assert.True(response.Status == 400, response.ToString());
        Assert.Equal("application/json", response.ContentType?.Split(';')[0]);
        Assert.NotNull(response.JsonBody()?["errors"]);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
    }

    /// <param name="reset">True: the client resets the connection (RST) instead of closing it (FIN).</param>
    [Theory]
    [InlineData("/v2/events", "app", false)]
    [InlineData("/v2/events", "app", true)]
    [InlineData("/admin/audiences", "admin", false)]
    [InlineData("/admin/audiences", "admin", true)]
    public async Task A_client_that_leaves_mid_body_is_logged_at_debug_without_a_stack_trace(string path, string credentials, bool reset)
    {
        using var logs = new LogRecorder();
        await using var service = await StartAsync(logs);
        var request = new RawRequest("POST", path)
        {
            Headers = [new("Authorization", Authorization(service, credentials)), new("Content-Type", "application/json"), new("Content-Length", "1000")],
            Framing = Encoding.ASCII.GetBytes("{\"events\":["),
            CloseAfterSending = true,
        };

        if (reset)
        {
            await RawHttp.SendAndResetAsync(service.Host.BaseAddress, request with { CloseAfterSending = false }, Timeout);
        }
        else
        {
            try
            {
                await RawHttp.SendAsync(service.Host.BaseAddress, request, Timeout);
            }
            catch (Exception e) when (e is InvalidDataException or System.Net.Sockets.SocketException)
            {
                // The server may close without an answer: nobody was left to read one.
            }
        }

        var logged = await logs.WaitForAsync(e => e.EventId is 1009 or 1010, Timeout);
        Assert.Equal(LogLevel.Debug, logged.Level);
        Assert.Null(logged.Exception);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
        Assert.Equal(0, await service.Host.Inbox.CountAsync(default));
    }

    /// <summary>Kestrel's own limit (240 bytes/s after a 5 s grace) decides, so this test waits those seconds for the server.</summary>
    [Fact]
    public async Task A_body_too_slow_for_kestrel_is_a_408_json_error_logged_at_debug_without_a_stack_trace()
    {
        using var logs = new LogRecorder();
        await using var service = await StartAsync(logs);
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        await socket.ConnectAsync(service.Host.BaseAddress.Host, service.Host.BaseAddress.Port);
        var head = new RawRequest("POST", "/v2/events")
        {
            Headers = [new("Authorization", Authorization(service, "app")), new("Content-Type", "application/json"), new("Content-Length", "1000")],
            Framing = Encoding.ASCII.GetBytes("{\"events\":["),
        };
        await socket.SendAsync(head.ToBytes());

        // The rest of the body never comes; the answer arrives once Kestrel gives up on it.
        using var received = new MemoryStream();
        var buffer = new byte[4096];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        int read;
        while ((read = await socket.ReceiveAsync(buffer, System.Net.Sockets.SocketFlags.None, deadline.Token)) > 0)
        {
            received.Write(buffer, 0, read);
        }

        var response = RawResponse.Parse(received.ToArray());
        Assert.True(response.Status == 408, response.ToString());
        Assert.NotNull(response.JsonBody()?["errors"]);
        var logged = await logs.WaitForAsync(e => e.EventId == 1010, Timeout);
        Assert.Equal(LogLevel.Debug, logged.Level);
        Assert.Null(logged.Exception);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
    }

    /// <summary>
    /// A GET route never reads a body, so a chunked one of unknown length is read and dropped before the answer: a
    /// small one leaves the long answer whole, one past the limit is a complete 413 instead of an answer cut short by
    /// the connection reset.
    /// </summary>
    [Fact]
    public async Task A_chunked_body_on_a_get_is_dropped_before_the_answer_or_refused_whole_past_the_limit()
    {
        await using var service = await StartAsync();
        var chunked = new RawRequest("GET", "/openapi/v1.json") { Headers = [new("Content-Type", "application/json"), new("Transfer-Encoding", "chunked")] };

        var small = await RawHttp.SendAsync(service.Host.BaseAddress, chunked with { Framing = Encoding.ASCII.GetBytes("2\r\n{}\r\n0\r\n\r\n") }, Timeout);
        Assert.True(small.Status == 200, small.ToString());
        Assert.NotNull(small.JsonBody()?["paths"]);

        for (var i = 0; i < 5; i++)
        {
            var framing = new List<byte>(Encoding.ASCII.GetBytes("a00000\r\n"));
            framing.AddRange(new byte[0xa00000]);
            framing.AddRange(Encoding.ASCII.GetBytes("\r\n0\r\n\r\n"));
            var large = await RawHttp.SendAsync(service.Host.BaseAddress, chunked with { Framing = [.. framing] }, Timeout);
            Assert.True(large.Status == 413, large.ToString());
            Assert.Equal("REQUEST_TOO_LARGE", large.JsonBody()?["errors"]?[0]?["code"]?.GetValue<string>());
        }
    }

    internal static string Authorization(TestService service, string credentials) => credentials switch
    {
        "admin" => "Bearer " + service.Host.AdminToken,
        "braze" => "Bearer braze-key:" + TestService.Secret,
        _ => TestService.Basic(credentials + "-key", TestService.Secret).ToString(),
    };

    private static Task<TestService> StartAsync(LogRecorder? logs = null) => TestService.StartAsync(
        new Workspace([TestService.Feed("app"), TestService.Feed("braze") with { Kind = InputFeedKind.BrazeUnbound }]),
        runProcessor: false,
        logs: logs);
}
