using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Tests.Support;

namespace Switchyard.Tests.Delivery;

/// <summary>The clients outputs take from the host's factory keep the Braze client's rules: no redirects, a 30 s budget.</summary>
public sealed class BrazeHttpClientFactoryTests
{
    [Fact]
    public async Task The_host_s_braze_client_does_not_follow_a_redirect_and_keeps_the_30_second_timeout()
    {
        await using var service = await TestService.StartAsync(new Core.Workspace.Workspace([TestService.Feed("app")]), runProcessor: false);
        using var http = service.Host.Services.GetRequiredService<IHttpClientFactory>().CreateClient("braze");
        Assert.Equal(TimeSpan.FromSeconds(30), http.Timeout);

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = ServeOneRedirectAsync(listener);

        using var response = await http.PostAsync($"http://127.0.0.1:{port}/users/track", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("http://127.0.0.1:9/users/track", response.Headers.Location?.ToString());
        await served;
    }

    private static async Task ServeOneRedirectAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        var buffer = new byte[8192];
        var request = new StringBuilder();
        while (!request.ToString().Contains("\r\n\r\n{}", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer);
            if (read == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await socket.SendAsync(Encoding.ASCII.GetBytes(
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:9/users/track\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    }
}
