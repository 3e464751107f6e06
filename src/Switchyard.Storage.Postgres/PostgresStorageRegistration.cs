using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Core.Audiences;
using Switchyard.Core.Delivery;
using Switchyard.Core.Privacy;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Core.Workspace;
using Switchyard.Storage.Postgres.Audiences;
using Switchyard.Storage.Postgres.Configuration;
using Switchyard.Storage.Postgres.Inbox;
using Switchyard.Storage.Postgres.Partitions;
using Switchyard.Storage.Postgres.Privacy;
using Switchyard.Storage.Postgres.Profiles;
using Switchyard.Storage.Postgres.RateBudgets;

namespace Switchyard.Storage.Postgres;

/// <summary>
/// Switchyard on PostgreSQL in one call: checks the connection string, reaches the database, brings each store's tables
/// up to date and registers every store under its Core contract, so the host knows no Npgsql type. When one step fails
/// (the server cannot be reached, the schema is newer than this build, the partition count differs), what was opened
/// before it is closed again and the exception says why, without the password.
/// </summary>
public static class PostgresStorageRegistration
{
    /// <inheritdoc cref="AddSwitchyardPostgresAsync(IServiceCollection, PostgresStorageOptions, TimeProvider, CancellationToken)"/>
    /// <param name="connectionString">An Npgsql connection string (<see cref="PostgresStorageOptions.ConnectionString"/>).</param>
    /// <param name="partitions">The user partition count (<see cref="PostgresStorageOptions.Partitions"/>).</param>
    /// <param name="processes">Whether this node processes and delivers (<see cref="PostgresStorageOptions.ProcessingNode"/>).</param>
    public static Task<SwitchyardStorage> AddSwitchyardPostgresAsync(this IServiceCollection services, string connectionString, int partitions, bool processes, TimeProvider time, CancellationToken cancellationToken) =>
        services.AddSwitchyardPostgresAsync(connectionString, partitions, processes, notifications: true, ownership: null, time, cancellationToken);

    /// <inheritdoc cref="AddSwitchyardPostgresAsync(IServiceCollection, PostgresStorageOptions, TimeProvider, CancellationToken)"/>
    /// <param name="connectionString">An Npgsql connection string (<see cref="PostgresStorageOptions.ConnectionString"/>).</param>
    /// <param name="partitions">The user partition count (<see cref="PostgresStorageOptions.Partitions"/>).</param>
    /// <param name="processes">Whether this node processes and delivers (<see cref="PostgresStorageOptions.ProcessingNode"/>).</param>
    /// <param name="notifications">Whether nodes wake each other through the database (<see cref="PostgresStorageOptions.Notifications"/>).</param>
    /// <param name="ownership">The timing of partition leases (<see cref="PostgresStorageOptions.Ownership"/>); null for the defaults.</param>
    public static Task<SwitchyardStorage> AddSwitchyardPostgresAsync(this IServiceCollection services, string connectionString, int partitions, bool processes, bool notifications, Core.Partitions.PartitionOwnershipOptions? ownership, TimeProvider time, CancellationToken cancellationToken) =>
        services.AddSwitchyardPostgresAsync(
            new PostgresStorageOptions { ConnectionString = connectionString, Partitions = partitions, ProcessingNode = processes, Notifications = notifications, Ownership = ownership ?? new() },
            time,
            cancellationToken);

    /// <summary>
    /// Opens the stores and registers them, <see cref="SwitchyardStorage"/> itself, an <see cref="IStorageProbe"/> for
    /// readiness checks and, unless <see cref="PostgresStorageOptions.Notifications"/> is off, an
    /// <see cref="IInboxWakeups"/> (<see cref="PostgresInboxListener"/>) for a processing node to listen with. The caller
    /// owns the returned storage and disposes it once the services that use the stores have stopped; that closes the
    /// stores in the reverse order of opening.
    /// </summary>
    public static async Task<SwitchyardStorage> AddSwitchyardPostgresAsync(this IServiceCollection services, PostgresStorageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var storage = await OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
        foreach (var (contract, store) in storage.Contracts)
        {
            services.AddSingleton(contract, store);
        }

        services.AddSingleton<IStorageProbe>(storage.Opened.OfType<PostgresStorageProbe>().Single());
        if (options.Notifications)
        {
            // Built only when the host asks for it (a processing node), so an ingest-only node opens no LISTEN connection.
            services.AddSingleton<IInboxWakeups>(sp => new PostgresInboxListener(
                options, time, (sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<PostgresInboxListener>()));
        }

        return storage;
    }

    /// <summary>
    /// Where a connection string points, for banners and messages: <c>PostgreSQL database 'switchyard' on db:5432</c>. It
    /// never includes the password; a string that cannot be parsed is refused (<see cref="ArgumentException"/>).
    /// </summary>
    public static string Describe(string connectionString) => PostgresConnectionString.Describe(connectionString);

    /// <summary>
    /// <paramref name="text"/> with the connection string's password replaced by <c>***</c> wherever it appears, for
    /// messages built from exceptions that did not come through this provider's own wording.
    /// </summary>
    public static string Redact(string connectionString, string text) => PostgresConnectionString.Scrub(connectionString, text);

    /// <summary>
    /// Opens every store, in a fixed order: the probe first (it reaches the database, migrates the shared schema and
    /// checks the partition count), then the inbox, profiles, audiences, data subject requests, workspace entries, the
    /// shared rate budgets and, on a node that processes (<see cref="PostgresStorageOptions.ProcessingNode"/>), the
    /// partition leases.
    /// </summary>
    public static async Task<SwitchyardStorage> OpenAsync(PostgresStorageOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        PostgresConnectionString.Parse(options.ConnectionString);
        return await SwitchyardStorage.OpenAsync(async opened =>
        {
            var probe = await PostgresStorageProbe.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            opened.Add(probe);
            var inbox = await PostgresInboxStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(inbox);
            var profiles = await PostgresProfileStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(profiles);
            var audiences = await PostgresAudienceStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(audiences);
            var requests = await PostgresDsrStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(requests);
            var workspaceEntries = await PostgresWorkspaceEntryStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
            opened.Add(workspaceEntries);
            var rateBudgets = await PostgresRateBudgetStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            opened.Add(rateBudgets);
            PostgresPartitionOwnership? ownership = null;
            if (options.ProcessingNode)
            {
                ownership = await PostgresPartitionOwnership.OpenAsync(options, options.Ownership, cancellationToken).ConfigureAwait(false);
                opened.Add(ownership);
            }

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
                RateBudgets: rateBudgets,
                Opened: [.. opened])
            {
                Ownership = ownership,
            };
        }).ConfigureAwait(false);
    }
}
