using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Core.Workspace;
using Switchyard.Storage.Sqlite.Audiences;
using Switchyard.Storage.Sqlite.Configuration;
using Switchyard.Storage.Sqlite.Inbox;
using Switchyard.Storage.Sqlite.Privacy;
using Switchyard.Storage.Sqlite.Profiles;

namespace Switchyard.Storage.Sqlite;

/// <summary>
/// Switchyard on SQLite in one call: opens the stores of a data directory (creating it when needed) and registers each
/// under its Core contract, so the host knows no SQLite type. A store that cannot open (another process holds the
/// directory, a file is not a database) fails the call, and what was opened before it is closed again.
/// </summary>
public static class SqliteStorageRegistration
{
    /// <inheritdoc cref="AddSwitchyardSqliteAsync(IServiceCollection, SqliteStorageOptions, TimeProvider, CancellationToken)"/>
    /// <param name="partitions">The user partition count (<see cref="SqliteStorageOptions.Partitions"/>).</param>
    public static Task<SwitchyardStorage> AddSwitchyardSqliteAsync(this IServiceCollection services, string dataDirectory, int partitions, TimeProvider time, CancellationToken cancellationToken) =>
        services.AddSwitchyardSqliteAsync(new SqliteStorageOptions { DataDirectory = dataDirectory, Partitions = partitions }, time, cancellationToken);

    /// <summary>
    /// Opens the stores and registers them, and <see cref="SwitchyardStorage"/> itself. The caller owns the returned
    /// storage: it disposes it once the services that use the stores have stopped, which closes the stores in the
    /// reverse order of opening (the container does not, since it did not create them).
    /// </summary>
    public static async Task<SwitchyardStorage> AddSwitchyardSqliteAsync(this IServiceCollection services, SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = await OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
        foreach (var (contract, store) in storage.Contracts)
        {
            services.AddSingleton(contract, store);
        }

        return storage;
    }

    /// <summary>
    /// Opens every store of the data directory, in a fixed order. Rate budgets are kept in memory
    /// (<see cref="InProcessRateBudgetStore"/>): one process holds a data directory at a time, so it is the only node
    /// that draws from them.
    /// </summary>
    public static async Task<SwitchyardStorage> OpenAsync(SqliteStorageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        return await SwitchyardStorage.OpenAsync(async opened =>
        {
            var inbox = await SqliteInboxStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(inbox);
            var profiles = await SqliteProfileStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(profiles);
            var audiences = await SqliteAudienceStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(audiences);
            var requests = await SqliteDsrStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(requests);
            var workspaceEntries = await SqliteWorkspaceEntryStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(workspaceEntries);
            return new SwitchyardStorage(
                Inbox: inbox,
                Profiles: profiles,
                Delivery: profiles,
                AudienceSync: profiles,
                Audiences: audiences,
                WorkspaceEntries: workspaceEntries,
                Requests: requests,
                Subjects: profiles,
                InboxEraser: inbox,
                RateBudgets: new InProcessRateBudgetStore(),
                Opened: [.. opened]);
        }).ConfigureAwait(false);
    }
}
