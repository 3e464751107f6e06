using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchyard.Sandbox.Hosting;

/// <summary>
/// A standalone sandbox: its own Kestrel <see cref="WebApplication"/> on a loopback (or any) port. Port 0 picks a free
/// port; <see cref="BaseAddress"/> tells which. Dispose to stop it and release the data directory.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SandboxServer(WebApplication app, Uri baseAddress, string? controlToken)
    {
        _app = app;
        BaseAddress = baseAddress;
        ControlToken = controlToken;
    }

    /// <summary>The bound address, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The token the <c>/_sandbox/*</c> routes require as <c>Authorization: Bearer</c>: the one given in
    /// <see cref="SandboxOptions.ControlToken"/>, one generated because the server listens on every address, or null
    /// (loopback, none given: the control API is open to this machine).
    /// </summary>
    public string? ControlToken { get; }

    /// <summary>The server's services (e.g. for tests that want <see cref="Segments.ISandboxUserDirectory"/>).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the server. <paramref name="configureServices"/> lets a caller add logging or components.</summary>
    public static async Task<SandboxServer> StartAsync(
        SandboxOptions options,
        Action<IServiceCollection>? configureServices = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        // An empty builder: no appsettings.json, environment variables or ASPNETCORE_URLS from the embedding process
        // can add endpoints or change behaviour; everything comes from SandboxOptions.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging();
        // A standalone server has no host whose clock it could disturb: its one clock drives users, faults, rate limits
        // and the request log alike.
        if (options.TimeProvider is { } clock)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddSwitchyardSandbox(options);
        configureServices?.Invoke(builder.Services);
        builder.WebHost.UseKestrel(kestrel =>
        {
            var address = options.ListenOnAnyAddress ? IPAddress.Any : IPAddress.Loopback;
            kestrel.Listen(address, options.Port);
        });

        if (options.DataDirectory is { } directory)
        {
            Persistence.PrivateFiles.CreateDirectory(directory);
        }

        var app = builder.Build();
        app.UseSwitchyardSandbox();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no bound address.");
        var baseAddress = new Uri(bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        var logger = app.Services.GetRequiredService<ILogger<SandboxServer>>();
        if (options.DataDirectory is { } data && Persistence.PrivateFiles.OpenToOthers(data) is { } mode)
        {
            // Left as it is (it may be shared on purpose); every file the sandbox writes in it is 0600 regardless.
            Log.DataDirectoryOpenToOthers(logger, data, mode);
        }

        Log.Listening(logger, baseAddress.ToString());
        return new SandboxServer(app, baseAddress, app.Services.GetRequiredService<SandboxSettings>().ControlToken);
    }

    /// <summary>Completes when the server is asked to stop (SIGINT/SIGTERM) or the token is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
