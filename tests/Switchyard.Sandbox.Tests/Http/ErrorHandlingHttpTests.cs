using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Persistence;
using Switchyard.Sandbox.Tests.Support;

namespace Switchyard.Sandbox.Tests.Http;

public sealed class ErrorHandlingHttpTests
{
    [Fact]
    public async Task An_unexpected_exception_answers_a_json_500_and_is_logged_without_the_key_or_body()
    {
        var persistence = new FailingPersistence { FailCommits = true };
        var logs = new CapturingLoggerProvider();
        await using var sandbox = await SandboxHttp.StartAsync(services: s =>
        {
            s.AddSingleton<IStatePersistence>(persistence);
            s.AddSingleton<ILoggerProvider>(logs);
        });

        var (status, body) = await sandbox.TrackAsync("""{"attributes":[{"external_id":"u1","secret_note":"payload-marker"}]}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("""{"message":"Internal Server Error"}""", body!.ToJsonString());
        var logged = Assert.Single(logs.Entries, e => e.EventId == 7006);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Equal(FailingPersistence.FailureMessage, logged.Exception!.Message);
        Assert.All(logs.Entries, e =>
        {
            Assert.DoesNotContain(SandboxHttp.FullKey, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("payload-marker", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_malformed_chunked_body_keeps_its_400_with_a_json_message()
    {
        await using var sandbox = await SandboxHttp.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(sandbox.Server.BaseAddress.Host, sandbox.Server.BaseAddress.Port, timeout.Token);
        var stream = tcp.GetStream();
        var request = "POST /users/track HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + SandboxHttp.FullKey
            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);

        var response = await ReadUntilClosedAsync(stream, timeout.Token);

        Assert.StartsWith("HTTP/1.1 400", response, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", response, StringComparison.Ordinal);
        // The body arrives chunked; the JSON object is the one brace-delimited run in it.
        var json = JsonNode.Parse(response[response.IndexOf('{', StringComparison.Ordinal)..(response.LastIndexOf('}') + 1)])!;
        Assert.False(string.IsNullOrEmpty((string?)json["message"]));
    }

    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
