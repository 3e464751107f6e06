using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using Switchyard.Admin;
using Switchyard.Braze.Outputs;
using Switchyard.Core.Delivery.MParticle;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;
using Switchyard.Core.Storage;
using Switchyard.Hosting;
using Switchyard.Storage.Sqlite;

namespace Switchyard.Tests.Console;

/// <summary>
/// A bUnit context for one console component with the real stores behind it (SQLite files in a temporary directory),
/// MudBlazor's services and a fake clock. MudBlazor's own JavaScript calls answer nothing (loose mode).
/// </summary>
internal sealed class ConsoleComponentContext : IAsyncDisposable
{
    private readonly string _directory;

    private ConsoleComponentContext(SwitchyardStorage storage, string directory)
    {
        Storage = storage;
        _directory = directory;
    }

    public BunitContext Bunit { get; } = new();

    public SwitchyardStorage Storage { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));

    public static async Task<ConsoleComponentContext> StartAsync(Workspace workspace)
    {
        var directory = Path.Combine(Path.GetTempPath(), "switchyard-bunit-" + Guid.NewGuid().ToString("N"));
        var storage = await SqliteStorageRegistration.OpenAsync(new SqliteStorageOptions { DataDirectory = directory }, TimeProvider.System, default);
        var context = new ConsoleComponentContext(storage, directory);
        var services = context.Bunit.Services;
        context.Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        services.AddMudServices();
        services.AddSingleton<TimeProvider>(context.Time);
        services.AddSingleton(workspace);
        services.AddSingleton(await LiveWorkspace.OpenAsync(workspace, storage.WorkspaceEntries, Registry(), new List<string>(), null, CancellationToken.None));
        services.AddSingleton<IAudienceStore>(storage.Audiences);
        services.AddSingleton<IProfileStore>(storage.Profiles);
        services.AddSingleton(storage.Delivery);
        services.AddSingleton(new ProcessingSettings());
        services.AddSingleton<AudienceEditor>();
        services.AddSingleton(BrazeOutputs.From(workspace));
        services.AddSingleton(Switchyard.AudienceSync.AudienceOutputs.From(workspace));
        services.AddSingleton<Switchyard.Console.LiveStream.BatchTap>();
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Bunit.DisposeAsync();
        await Storage.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing is no reason to fail a test.
        }
    }

    /// <summary>The output types serve registers, for checking the workspace's outputs.</summary>
    private static Switchyard.Core.Delivery.Engine.OutputTypeRegistry Registry()
    {
        using var services = new ServiceCollection().AddBrazeOutputs().AddMParticleOutput().BuildServiceProvider();
        return new Switchyard.Core.Delivery.Engine.OutputTypeRegistry(services.GetServices<Switchyard.Core.Delivery.Engine.IOutputType>());
    }
}
