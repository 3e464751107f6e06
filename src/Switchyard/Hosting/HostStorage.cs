using Switchyard.Core.Storage;
using Switchyard.Storage.Sqlite;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Privacy;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Hosting;

/// <summary>The embedded stores of one data directory, opened together and closed in reverse order.</summary>
internal sealed class HostStorage : IAsyncDisposable
{
    private HostStorage(SqliteInboxStore inbox, SqliteProfileStore profiles, SqliteAudienceStore audiences, SqliteDsrStore requests)
    {
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

    public static async Task<HostStorage> OpenAsync(string dataDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        var options = new SqliteStorageOptions { DataDirectory = dataDirectory };
        var inbox = await SqliteInboxStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
        SqliteProfileStore? profiles = null;
        try
        {
            profiles = await SqliteProfileStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            var audiences = await SqliteAudienceStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            var requests = await SqliteDsrStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            return new HostStorage(inbox, profiles, audiences, requests);
        }
        catch
        {
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
        await Requests.DisposeAsync().ConfigureAwait(false);
        await Audiences.DisposeAsync().ConfigureAwait(false);
        await Profiles.DisposeAsync().ConfigureAwait(false);
        await Inbox.DisposeAsync().ConfigureAwait(false);
    }
}
