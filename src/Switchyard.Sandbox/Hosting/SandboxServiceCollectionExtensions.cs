using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Sandbox.Auth;
using Switchyard.Sandbox.Control;
using Switchyard.Sandbox.Currents;
using Switchyard.Sandbox.DataPoints;
using Switchyard.Sandbox.Export;
using Switchyard.Sandbox.ExternalIds;
using Switchyard.Sandbox.Identity;
using Switchyard.Sandbox.Persistence;
using Switchyard.Sandbox.Segments;
using Switchyard.Sandbox.Track;
using Switchyard.Sandbox.Users;

namespace Switchyard.Sandbox.Hosting;

/// <summary>Registers the sandbox so a host can embed it in-process.</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Validates <paramref name="options"/> (throwing <see cref="ArgumentException"/> naming the bad field) and registers
    /// the sandbox services, including <see cref="ISandboxUserDirectory"/>. Call <see cref="SandboxEndpointRouteBuilderExtensions.MapSwitchyardSandbox"/> next.
    /// </summary>
    public static IServiceCollection AddSwitchyardSandbox(this IServiceCollection services, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = SandboxSettings.From(options);
        var currents = CurrentsSettings.From(options);
        services.AddSingleton(settings);
        // The sandbox's own clock does not replace the host's TimeProvider registration.
        var clock = options.TimeProvider;
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<IStatePersistence>(sp => settings.DataDirectory is null
            ? new InMemoryStatePersistence()
            : new SqliteStatePersistence(settings.DataDirectory));
        services.AddSingleton<DataPointLedger>();
        services.AddSingleton(sp =>
        {
            var store = new UserStore(settings, sp.GetRequiredService<IStatePersistence>(), sp.GetRequiredService<DataPointLedger>(), clock ?? sp.GetRequiredService<TimeProvider>());
            if (settings.DataDirectory is not null)
            {
                var logger = sp.GetService<ILogger<UserStore>>() ?? NullLogger<UserStore>.Instance;
                Log.StateLoaded(logger, store.Count, Path.Combine(settings.DataDirectory, SqliteStatePersistence.FileName));
            }

            return store;
        });
        services.AddSingleton<ISandboxUserDirectory>(sp => sp.GetRequiredService<UserStore>());
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddSingleton<ApiKeyEndpointFilter>();
        services.AddSingleton<SandboxReset>();
        services.AddSingleton<TrackEndpoint>();
        services.AddSingleton<ExportEndpoint>();
        services.AddSingleton<DeleteEndpoint>();
        services.AddSingleton<AliasNewEndpoint>();
        services.AddSingleton<AliasUpdateEndpoint>();
        services.AddSingleton<ExternalIdRenameEndpoint>();
        services.AddSingleton<ExternalIdRemoveEndpoint>();
        services.AddSingleton<IdentifyEndpoint>();
        services.AddSingleton<MergeEndpoint>();
        services.AddSingleton<WebSdk.WebSdkDataEndpoint>();
        services.AddSingleton<WebSdk.WebSdkSyncEndpoint>();
        services.AddSandboxControl(new SandboxControlOptions
        {
            DataDirectory = options.Control.DataDirectory ?? options.DataDirectory,
            RequestLogCapacity = options.Control.RequestLogCapacity,
            RequestLogBodyExcerptBytes = options.Control.RequestLogBodyExcerptBytes,
            RateLimits = options.Control.RateLimits,
        });
        services.AddSingleton<ISandboxResetListener, ControlStateResetListener>();

        services.AddSingleton(currents);
        services.AddSingleton(sp => new CurrentsClock(clock ?? sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CurrentsOutbox>();
        services.AddSingleton(sp => new CurrentsConnectorStore(
            sp.GetRequiredService<CurrentsSettings>(),
            sp.GetRequiredService<CurrentsOutbox>(),
            sp.GetService<ILogger<CurrentsConnectorStore>>() ?? NullLogger<CurrentsConnectorStore>.Instance));
        services.AddSingleton<ISandboxResetListener, CurrentsResetListener>();
        services.AddHostedService(sp => new CurrentsSender(
            sp.GetRequiredService<CurrentsOutbox>(),
            sp.GetRequiredService<CurrentsConnectorStore>(),
            currents,
            sp.GetRequiredService<CurrentsClock>().Time,
            sp.GetService<ILogger<CurrentsSender>>() ?? NullLogger<CurrentsSender>.Instance));
        return services;
    }
}
