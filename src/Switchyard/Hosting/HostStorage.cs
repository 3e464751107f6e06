using Switchyard.Core.Storage;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Configuration;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Privacy;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Hosting;

/// <summary>The embedded stores of one data directory, opened together and closed in reverse order.</summary>
internal sealed class HostStorage : IAsyncDisposable
{
    private HostStorage(SqliteInboxStore inbox, SqliteProfileStore profiles, SqliteAudienceStore audiences, SqliteDsrStore requests, SqliteWorkspaceEntryStore workspaceEntries)
    {
        WorkspaceEntries = workspaceEntries;
        Requests = requests;
        Inbox = inbox;
        Profiles = profiles;
        Audiences = audiences;
    }

    public IInboxStore Inbox { get; }

    /// <summary>The inbox as an erasure sees it (the same store).</summary>
    public Core.Privacy.IInboxEraser InboxEraser => (Core.Privacy.IInboxEraser)Inbox;

    /// <summary>Data subject requests (<c>privacy.db</c>).</summary>
    public SqliteDsrStore Requests { get; }

    public SqliteProfileStore Profiles { get; }

    public SqliteAudienceStore Audiences { get; }

    /// <summary>Inputs, outputs and connections saved through the admin API (<c>workspace.db</c>).</summary>
    public SqliteWorkspaceEntryStore WorkspaceEntries { get; }

    public static async Task<HostStorage> OpenAsync(string dataDirectory, int partitions, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new SqliteStorageOptions { DataDirectory = dataDirectory, Partitions = partitions };
        var inbox = await SqliteInboxStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
        SqliteProfileStore? profiles = null;
        SqliteAudienceStore? audiences = null;
        SqliteDsrStore? requests = null;
        try
        {
            profiles = await SqliteProfileStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            audiences = await SqliteAudienceStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            requests = await SqliteDsrStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            var workspaceEntries = await SqliteWorkspaceEntryStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            return new HostStorage(inbox, profiles, audiences, requests, workspaceEntries);
        }
        catch
        {
            if (requests is not null)
            {
                await requests.DisposeAsync().ConfigureAwait(false);
            }

            if (audiences is not null)
            {
                await audiences.DisposeAsync().ConfigureAwait(false);
            }

            if (profiles is not null)
            {
                await profiles.DisposeAsync().ConfigureAwait(false);
            }

            await inbox.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await WorkspaceEntries.DisposeAsync().ConfigureAwait(false);
        await Requests.DisposeAsync().ConfigureAwait(false);
        await Audiences.DisposeAsync().ConfigureAwait(false);
        await Profiles.DisposeAsync().ConfigureAwait(false);
        await Inbox.DisposeAsync().ConfigureAwait(false);
    }
}
