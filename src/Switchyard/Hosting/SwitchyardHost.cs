using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Admin;
using Switchyard.AudienceSync;
using OpenTelemetry.Metrics;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Outputs;
using Switchyard.Core.Delivery.AudienceSync;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Delivery.MParticle;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Partitions;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Processing;
using Switchyard.Ingest;
using Switchyard.Json;
using Switchyard.Console;
using Switchyard.Storage.Postgres;
using Switchyard.Storage.Sqlite;

namespace Switchyard.Hosting;

/// <summary>
/// The running service: Kestrel with the Events API in front of the durable inbox. Tests start it on port 0
/// and talk to it over loopback exactly as clients do.
/// </summary>
internal sealed class SwitchyardHost : IAsyncDisposable
{
    /// <summary>Buckets of <c>switchyard.delivery.latency</c> (ms): 5 ms to a day.</summary>
    internal static readonly double[] DeliveryLatencyBucketsMs =
    [
        5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000, 300_000, 600_000,
        1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 86_400_000,
    ];

    private readonly WebApplication _app;
    private readonly FeedDirectory _feeds;
    private readonly SwitchyardStorage _storage;

    private SwitchyardHost(WebApplication app, SwitchyardStorage storage, FeedDirectory feeds, Uri address, string adminToken, Uri? httpsAddress, TlsCertificate? tls)
    {
        _app = app;
        _storage = storage;
        _feeds = feeds;
        BaseAddress = address;
        AdminToken = adminToken;
        HttpsAddress = httpsAddress;
        Tls = tls;
    }

    public Uri BaseAddress { get; }

    /// <summary>The HTTPS listener's address (<c>--https-port</c>); null without one.</summary>
    public Uri? HttpsAddress { get; }

    /// <summary>The HTTPS listener's certificate; null without one.</summary>
    public TlsCertificate? Tls { get; }

    public IInboxStore Inbox => _storage.Inbox;

    public IProfileStore Profiles => _storage.Profiles;

    public string AdminToken { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<SwitchyardHost> StartAsync(ServeSettings settings, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var brazeOutputs = BrazeOutputs.From(settings.Workspace);
        var audienceOutputs = AudienceOutputs.From(settings.Workspace);
        var builder = CreateBuilder(settings);
        SwitchyardStorage storage;
        var leases = TestLeaseTiming.FromEnvironment();
        if (settings.Storage.PostgresConnectionString is { } connection)
        {
            // The node's own files (admin token, TLS certificate) still live in the data directory; SQLite makes it itself.
            Core.Storage.PrivateFiles.CreateDirectory(settings.DataDirectory);
            storage = await builder.Services.AddSwitchyardPostgresAsync(
                connection, settings.Workspace.Partitions, settings.RunProcessor, settings.Storage.Notifications, leases, time, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            storage = await builder.Services.AddSwitchyardSqliteAsync(settings.DataDirectory, settings.Workspace.Partitions, time, cancellationToken).ConfigureAwait(false);
        }
        var feeds = new FeedDirectory(settings.Workspace);
        WebApplication? app = null;
        try
        {
            var (adminToken, _) = Hosting.AdminToken.Resolve(settings.Workspace.AdminToken, settings.DataDirectory);
            var tls = settings.HttpsPort is null ? null
                : settings.TlsCertificatePath is { } certificate ? TlsCertificate.Load(certificate, settings.TlsKeyPath ?? throw new ArgumentException("a TLS certificate needs its key (--tls-key)"))
                : TlsCertificate.LoadOrCreate(settings.DataDirectory, settings.BindAddress, time);
            // Read before the services are built: their factories cannot wait on the store.
            var savedEntries = await storage.WorkspaceEntries.WorkspaceEntriesAsync(cancellationToken).ConfigureAwait(false);
            var statistics = await ProcessingStatistics.ReadAsync(storage.Profiles, cancellationToken).ConfigureAwait(false);
            AddPartitionOwnership(builder.Services, storage, leases, time);
            app = Build(builder, settings, time, savedEntries, statistics, feeds, adminToken, brazeOutputs, audienceOutputs, tls);
            var loggers = app.Services.GetRequiredService<ILoggerFactory>();
            foreach (var logging in storage.Opened.OfType<IStorageLogging>())
            {
                logging.LogTo(loggers);
            }

            // The file's inputs, outputs and connections with those saved through the admin API; every change from now
            // on reaches authentication, delivery and the Braze output list as one new snapshot.
            var live = app.Services.GetRequiredService<Core.Workspace.LiveWorkspace>();
            var deliveryOutputs = app.Services.GetRequiredService<DeliveryOutputs>();
            var outputTypes = app.Services.GetRequiredService<OutputTypeRegistry>();
            feeds.Replace(live.Current);
            brazeOutputs.Replace(live.Current);
            live.Changed += current =>
            {
                feeds.Replace(current);
                brazeOutputs.Replace(current);
                deliveryOutputs.Replace(outputTypes.Check(current));
            };

            // Every output's type and settings, checked by the registered output types before anything runs.
            RelayLoops.Refuse(app.Services.GetRequiredService<DeliveryOutputs>(), settings);

            // Resolving the runtime first captures the stored definitions before the workspace file's are applied, so a
            // change made in the file is noticed and every profile is evaluated against it.
            await app.Services.GetRequiredService<AudienceRuntime>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            await WorkspaceAudiences.ApplyAsync(settings.Workspace, storage.Audiences, app.Services.GetRequiredService<ProcessingSettings>(), time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
            await WorkspaceAudienceConnections.ApplyAsync(
                settings.Workspace,
                app.Services.GetRequiredService<AudienceOutputs>(),
                app.Services.GetRequiredService<AudienceConnectionEditor>(),
                app.Services.GetRequiredService<AudienceLinks>(),
                cancellationToken).ConfigureAwait(false);

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            var address = addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
            var httpsAddress = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.Ordinal));

            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SwitchyardHost>();
            if (Core.Storage.PrivateFiles.OpenToOthers(settings.DataDirectory) is { } mode)
            {
                // Left as it is (it may be shared on purpose); every file Switchyard writes in it is 0600 regardless.
                Log.DataDirectoryOpenToOthers(logger, settings.DataDirectory, Convert.ToString((int)mode, 8));
            }

            foreach (var warning in audienceOutputs.Warnings())
            {
                Log.ConfigurationWarning(logger, warning);
            }

            Log.Listening(logger, address, settings.DataDirectory);
            Log.StorageOpened(logger, settings.Storage.Describe(settings.DataDirectory), settings.Storage.Source);
            if (httpsAddress is not null && tls is not null)
            {
                Log.ListeningHttps(logger, httpsAddress, tls.Fingerprint, tls.Source);
            }

            return new SwitchyardHost(app, storage, feeds, new Uri(address), adminToken, httpsAddress is null ? null : new Uri(httpsAddress), tls);
        }
        catch
        {
            // Background workers may already run (they start before the server binds): stop them before their stores close.
            if (app is not null)
            {
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }

            feeds.Dispose();
            await storage.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        // Stop taking requests and stop the processor first, then let the stores finish what they have queued.
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        await _storage.DisposeAsync().ConfigureAwait(false);
        _feeds.Dispose();
    }

    /// <summary>
    /// The partitions this node works on: every one when the store is its alone, else those whose leases the node's
    /// ownership loop holds (the store registered <see cref="IPartitionOwnership"/>: several nodes may share it).
    /// </summary>
    private static void AddPartitionOwnership(IServiceCollection services, SwitchyardStorage storage, PartitionOwnershipOptions leases, TimeProvider time)
    {
        if (storage.Ownership is not { } ownership)
        {
            services.AddSingleton(NodePartitions.All);
            return;
        }

        var nodeId = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}");
        services.AddSingleton(sp => new PartitionOwnershipLoop(ownership, nodeId, leases, time, sp.GetRequiredService<ILogger<PartitionOwnershipLoop>>()));
        services.AddSingleton(sp => new NodePartitions(sp.GetRequiredService<PartitionOwnershipLoop>()));
    }

    private static WebApplicationBuilder CreateBuilder(ServeSettings settings)
    {
        // The application is switchyard even when a test host (testhost) runs it in-process: the console's static assets are
        // found through switchyard.staticwebassets.*.json beside the assembly.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(SwitchyardHost).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSwitchyardConsole(settings.LogFormat);
        builder.Logging.SetMinimumLevel(settings.MinimumLogLevel);
        settings.ConfigureLogging?.Invoke(builder.Logging);
        return builder;
    }

    /// <param name="builder">
    /// With the stores already registered under their contracts (<see cref="SqliteStorageRegistration"/> or
    /// <see cref="PostgresStorageRegistration"/>).
    /// </param>
    private static WebApplication Build(
        WebApplicationBuilder builder,
        ServeSettings settings,
        TimeProvider time,
        IReadOnlyList<Core.Workspace.StoredWorkspaceEntry> savedEntries,
        ProcessingStatistics statistics,
        FeedDirectory feeds,
        string adminToken,
        BrazeOutputs brazeOutputs,
        AudienceOutputs audienceOutputs,
        TlsCertificate? tls)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Parse(settings.BindAddress), settings.Port);
            if (tls is not null)
            {
                // Same routes, same bind address; HTTP stays on for servers and the quickstart.
                kestrel.Listen(IPAddress.Parse(settings.BindAddress), settings.HttpsPort!.Value, listen => listen.UseHttps(tls.Certificate));
            }

            kestrel.AddServerHeader = false;
            // The Events API caps requests at 256 KB itself; this stops a larger stream early.
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
        });
        builder.Services.AddSingleton(time);
        Privacy.DsrRegistration.Add(builder.Services, settings);
        builder.Services.AddSingleton(audienceOutputs);
        builder.Services.AddSingleton<ConnectedAudiences>();
        builder.Services.AddSingleton<IAudienceLedgerFields, BrazeAudienceLedgerFields>();
        builder.Services.AddSingleton<AudienceLinks>();
        builder.Services.AddSingleton<AudienceConnectionEditor>();
        builder.Services.AddSingleton(new AudienceSyncOptions());
        builder.Services.AddSingleton(sp => new AudienceSyncEngine(
            audienceOutputs.Ids,
            sp.GetRequiredService<IAudienceSyncStore>(),
            sp.GetRequiredService<IProfileStore>(),
            sp.GetRequiredService<IDeliveryStore>(),
            sp.GetRequiredService<ConnectedAudiences>(),
            sp.GetRequiredService<IAudienceLedgerFields>(),
            sp.GetRequiredService<AudienceSyncOptions>(),
            time,
            sp.GetRequiredService<ILogger<AudienceSyncEngine>>()));
        builder.Services.AddSingleton(sp => new MembershipLogRetention(
            audienceOutputs.Ids, sp.GetRequiredService<IAudienceSyncStore>(), time, sp.GetRequiredService<ILogger<MembershipLogRetention>>()));
        builder.Services.AddSingleton<AudienceConnectionViews>();
        builder.Services.AddSingleton<AudienceEditor>();
        builder.Services.AddSingleton(feeds);
        builder.Services.AddSingleton(settings.Workspace);
        builder.Services.AddSingleton(brazeOutputs);
        builder.Services.AddSingleton<Admin.ReplayCosts>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<AuthRefusals>();
        builder.Services.AddHostedService<AuthRefusalSummaries>();
        builder.Services.AddSingleton<EventsApiHandler>();
        builder.Services.AddSingleton<CurrentsHandler>();
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(IngestMetrics.MeterName, BrazeDeliveryMetrics.MeterName, DeliveryWorker.OutboxMeterName, BacklogMetrics.MeterName)
            // An outage or a long 429 pause delays items by minutes or hours: the buckets reach a day, not 10 s.
            .AddView("switchyard.delivery.latency", new ExplicitBucketHistogramConfiguration { Boundaries = DeliveryLatencyBucketsMs })
            .AddPrometheusExporter());
        builder.Services.AddHostedService<DedupeKeyPruner>();
        builder.Services.AddSingleton(new ProcessingSettings
        {
            UniqueIdentities = settings.Workspace.UniqueIdentities,
            EventRetention = settings.Workspace.EventRetention,
        });
        builder.Services.AddSingleton(sp => new BatchProcessor(sp.GetRequiredService<ProcessingSettings>()));
        builder.Services.AddSingleton(sp => new Core.Identity.IdentityApi(
            sp.GetRequiredService<BatchProcessor>(), sp.GetRequiredService<ProcessingSettings>(), sp.GetRequiredService<IProfileStore>(), time));
        builder.Services.AddSingleton<ProcessingSignal>();
        builder.Services.AddSingleton(statistics);
        builder.Services.AddSingleton<DeliveryPasses>();
        builder.Services.AddSingleton<BacklogMetrics>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BacklogMetrics>());
        builder.Services.AddSingleton(new EvaluatedAudienceVersion(settings.DataDirectory));
        builder.Services.AddSingleton<AudienceRuntime>();
        builder.Services.AddSingleton(sp => new DeliveryMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        builder.Services.AddSingleton(sp => new BrazeDeliveryMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<DeliveryMetrics>()));
        builder.Services.AddSingleton(sp => new RateGates(time, sp.GetRequiredService<IRateBudgetStore>(), sp.GetRequiredService<ILogger<RateGates>>()));
        builder.Services.AddSingleton<Braze.Outputs.IAudienceLinkSource>(sp => sp.GetRequiredService<AudienceLinks>());
        builder.Services.AddBrazeOutputs();
        builder.Services.AddMParticleOutput();
        settings.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddSingleton(sp => new OutputTypeRegistry(sp.GetServices<IOutputType>()));
        builder.Services.AddSingleton(sp =>
        {
            var warnings = new List<string>();
            var live = Core.Workspace.LiveWorkspace.Open(settings.Workspace, sp.GetRequiredService<Core.Workspace.IWorkspaceEntryStore>(), savedEntries, sp.GetRequiredService<OutputTypeRegistry>(), warnings,
                output => RelayLoops.OwnListener(output, settings));
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger<SwitchyardHost>();
            warnings.ForEach(warning => Log.ConfigurationWarning(logger, warning));
            return live;
        });
        builder.Services.AddSingleton(sp => new DeliveryOutputs(sp.GetRequiredService<OutputTypeRegistry>().Check(sp.GetRequiredService<Core.Workspace.LiveWorkspace>().Current)));
        // Outputs keep their client for the life of the process, so the factory's handler rotation is off; the handler
        // renews pooled connections itself (BrazeHttpClients). Its per-request log lines would repeat every request.
        builder.Services.AddHttpClient(Braze.Client.BrazeHttpClients.Name, http => http.Timeout = Braze.Client.BrazeHttpClients.Timeout)
            .ConfigurePrimaryHttpMessageHandler(Braze.Client.BrazeHttpClients.CreateHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        builder.Services.AddHttpClient(MParticleRegistration.HttpClientName, http => http.Timeout = Braze.Client.BrazeHttpClients.Timeout)
            .ConfigurePrimaryHttpMessageHandler(Braze.Client.BrazeHttpClients.CreateHandler)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        builder.Services.AddSingleton<Reconcile.ReconcileOutputs>();
        builder.Services.AddSingleton<Reconcile.ReconcileJobs>();
        builder.Services.AddSingleton<Reconcile.ReconcileSamples>();
        if (settings.RunProcessor)
        {
            // An ingest-only node neither processes nor delivers; a node with the processor does both. On a shared
            // store, the leases are kept first and stopped last (PartitionOwnershipService).
            if (builder.Services.Any(d => d.ServiceType == typeof(PartitionOwnershipLoop)))
            {
                builder.Services.AddHostedService<PartitionOwnershipService>();
            }

            builder.Services.AddHostedService<ProcessorWorker>();
            builder.Services.AddHostedService(sp => new InboxWakeupWorker(
                sp.GetRequiredService<ProcessingSignal>(),
                sp.GetRequiredService<ILogger<InboxWakeupWorker>>(),
                pollOnly: settings.Storage.IsPostgres && !settings.Storage.Notifications,
                sp.GetService<IInboxWakeups>()));
            builder.Services.AddHostedService<DeliveryWorker>();
            builder.Services.AddHostedService<AudienceSyncWorker>();
            builder.Services.AddHostedService<MembershipLogPruner>();
            builder.Services.AddHostedService<DeliveredEventPruner>();
            builder.Services.AddHostedService<InboxPruner>();
            builder.Services.AddHostedService<Reconcile.ReconcileSampler>();
            builder.Services.AddHostedService<Privacy.DsrWorker>();
        }
        builder.Services.AddSingleton(sp => new Readiness(
            sp.GetService<IStorageProbe>(), sp.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>(), settings.RunProcessor, sp.GetRequiredService<ILogger<Readiness>>()));
        builder.Services.AddSingleton(new AdminSettings(adminToken));
        builder.Services.AddSingleton<AdminTokenFilter>();
        builder.Services.AddSwitchyardOpenApi();
        builder.Services.AddSwitchyardConsole(settings.Sandbox);
        // The slim builder leaves static web assets out; the console's come from the packages (MudBlazor's CSS and
        // script, Blazor's), read through the build's manifest until the app is published with them in wwwroot.
        builder.WebHost.UseStaticWebAssets();

        var app = builder.Build();
        app.UseMiddleware<HostErrorMiddleware>();
        app.UseMiddleware<WebSdk.WebSdkCors>();
        app.UseStatusCodePages(HostErrors.HandleEmptyStatusAsync);
        app.MapHealth();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapEventsApi();
        Privacy.DsrEndpoints.MapDsrApi(app);
        Identity.IdentityEndpoints.MapIdentityApi(app);
        WebSdk.WebSdkEndpoints.MapWebSdk(app);
        app.MapAdminApi();
        app.UseSwitchyardConsole();
        return app;
    }
}
