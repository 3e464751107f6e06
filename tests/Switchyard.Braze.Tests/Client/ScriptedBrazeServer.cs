using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Switchyard.Braze.Tests.Client;

/// <summary>
/// A real Kestrel on loopback that answers <c>/users/track</c> with a fixed status, headers and body. Only for answers
/// the sandbox never gives (a proxy's HTML page, <c>Retry-After</c> without <c>x-ratelimit-reset</c>, 200/202, upper-case
/// header names, a redirect): everything Braze-like is tested against the sandbox. <see cref="Requests"/> counts what it got.
/// </summary>
internal sealed class ScriptedBrazeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedBrazeServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>How many requests reached <c>/users/track</c>.</summary>
    public int Requests => _requests;

    private int _requests;

    public static async Task<ScriptedBrazeServer> StartAsync(int status, string body, string contentType = "application/json", params (string Name, string Value)[] headers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        ScriptedBrazeServer? server = null;
        app.MapPost("/users/track", async (HttpContext context) =>
        {
            Interlocked.Increment(ref server!._requests);
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }

            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new ScriptedBrazeServer(app, new Uri(address + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
