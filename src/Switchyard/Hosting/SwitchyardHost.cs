using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Core.Storage;
using Switchyard.Ingest;
using Switchyard.Json;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Inbox;

namespace Switchyard.Hosting;

/// <summary>
/// The running service: Kestrel with the Events API in front of the durable inbox. Tests start it on port 0
/// and talk to it over loopback exactly as clients do.
/// </summary>
internal sealed class SwitchyardHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FeedDirectory _feeds;

    private SwitchyardHost(WebApplication app, IInboxStore inbox, FeedDirectory feeds, Uri address)
    {
        _app = app;
        Inbox = inbox;
        _feeds = feeds;
        BaseAddress = address;
    }

    public Uri BaseAddress { get; }

    public IInboxStore Inbox { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SwitchyardHost> StartAsync(ServeSettings settings, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var inbox = await SqliteInboxStore.OpenAsync(new SqliteStorageOptions { DataDirectory = settings.DataDirectory }, time, cancellationToken).ConfigureAwait(false);
        var feeds = new FeedDirectory(settings.Workspace);
        try
        {
            var app = Build(settings, time, inbox, feeds);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            Log.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SwitchyardHost>(), address, settings.DataDirectory);
            return new SwitchyardHost(app, inbox, feeds, new Uri(address));
        }
        catch
        {
            feeds.Dispose();
            await inbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Stop taking requests first, then let the inbox finish what it has queued.
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await Inbox.DisposeAsync().ConfigureAwait(false);
        _feeds.Dispose();
    }

    private static WebApplication Build(ServeSettings settings, TimeProvider time, IInboxStore inbox, FeedDirectory feeds)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // A failed start (a port in use) is reported by the command line in one line; the host would repeat it with a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(settings.BindAddress), settings.Port);
            kestrel.AddServerHeader = false;
            // The Events API caps requests at 256 KB itself; this stops a larger stream early.
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(inbox);
        builder.Services.AddSingleton(feeds);
        builder.Services.AddSingleton<EventsApiHandler>();
        builder.Services.AddHostedService<DedupeKeyPruner>();

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HostErrors.HandleExceptionAsync });
        app.UseStatusCodePages(HostErrors.HandleEmptyStatusAsync);
        app.MapGet("/healthz", () => Results.Json(new HealthBody("ok"), HostJson.Context.HealthBody));
        app.MapEventsApi();
        return app;
    }
}
