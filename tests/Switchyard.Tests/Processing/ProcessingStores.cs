using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Switchyard.Core.Processing;
using Switchyard.Processing;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Tests.Processing;

/// <summary>
/// The real SQLite stores the processor works on (inbox, profiles, audiences) in a directory of their own, on a fake
/// clock, and a processor worker over them; disposing closes the stores and deletes the directory.
/// </summary>
internal sealed class ProcessingStores : IAsyncDisposable
{
    private ProcessingStores(string directory, FakeTimeProvider time, SqliteInboxStore inbox, SqliteProfileStore profiles, SqliteAudienceStore audiences)
    {
        Directory = directory;
        Time = time;
        Inbox = inbox;
        Profiles = profiles;
        Audiences = audiences;
    }

    public string Directory { get; }

    public FakeTimeProvider Time { get; }

    public SqliteInboxStore Inbox { get; }

    public SqliteProfileStore Profiles { get; }

    public SqliteAudienceStore Audiences { get; }

    /// <param name="name">The start of the directory's name, so a left-over directory shows which tests made it.</param>
    public static async Task<ProcessingStores> OpenAsync(string name)
    {
        var directory = Path.Combine(Path.GetTempPath(), name + "-" + Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var options = new SqliteStorageOptions { DataDirectory = directory };
        var inbox = await SqliteInboxStore.OpenAsync(options, time);
        var profiles = await SqliteProfileStore.OpenAsync(options, time);
        var audiences = await SqliteAudienceStore.OpenAsync(options, time);
        return new ProcessingStores(directory, time, inbox, profiles, audiences);
    }

    /// <summary>The audience runtime over these stores, keeping its evaluated version in the directory.</summary>
    public AudienceRuntime Runtime() =>
        new(Audiences, new EvaluatedAudienceVersion(Directory), Time, NullLogger<AudienceRuntime>.Instance);

    /// <summary>A processor worker over these stores (not started), counting into <paramref name="statistics"/>.</summary>
    public ProcessorWorker Worker(ProcessingStatistics statistics, BatchProcessor? processor = null, Core.Workspace.Workspace? workspace = null) =>
        new(Inbox, Profiles, Runtime(), processor ?? new BatchProcessor(new ProcessingSettings()), new ProcessingSignal(), statistics, Time, NullLogger<ProcessorWorker>.Instance, workspace);

    public async ValueTask DisposeAsync()
    {
        await Audiences.DisposeAsync();
        await Profiles.DisposeAsync();
        await Inbox.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
