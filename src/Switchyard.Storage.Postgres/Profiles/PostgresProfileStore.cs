using System.Buffers.Binary;
using System.Security.Cryptography;
using Npgsql;
using Switchyard.Core.Partitions;
using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Postgres.Profiles;

/// <summary>
/// Profiles, identity links, audience memberships, the membership log, the expiry index, the partition cursors, the
/// processing totals, and the delivery state that must commit with them (outbox, dead letters, ledgers, audience sync;
/// <see cref="Core.Delivery.IDeliveryStore"/>, <see cref="Core.Delivery.IAudienceSyncStore"/>) in PostgreSQL.
/// Sessions read through pooled connections (committed data, one statement per read) and commit in one transaction
/// each, several side by side, from one node or several; see <see cref="CommitAsync(PostgresProfileSession)"/> for how
/// a commit finds out that what its session read has changed.
/// </summary>
public sealed partial class PostgresProfileStore : IProfileStore
{
    /// <summary>The advisory lock around creating and dropping partitions of delivered_events ("SWDELEVT" in ASCII).</summary>
    internal const long DeliveredEventsPartitionLock = 0x5357_4445_4C45_5654;

    /// <summary>The advisory lock around creating and dropping partitions of membership_changes ("SWMEMPRT" in ASCII).</summary>
    internal const long MembershipLogPartitionLock = 0x5357_4D45_4D50_5254;

    private readonly PostgresDatabase _database;
    private int _disposed;

    private PostgresProfileStore(PostgresDatabase database, LogPartitionOptions partitions)
    {
        _database = database;
        DeliveredEvents = new TimePartitions(database.Source, "delivered_events", partitions.DeliveredEventsSpan, DeliveredEventsPartitionLock);
        MembershipLog = new TimePartitions(database.Source, "membership_changes", partitions.MembershipLogSpan, MembershipLogPartitionLock, idColumn: "id");
    }

    /// <inheritdoc />
    public int PartitionCount => _database.Partitions;

    /// <summary>The pooled connections of the database.</summary>
    internal NpgsqlDataSource Source => _database.Source;

    /// <summary>The time partitions of the delivered event ids.</summary>
    internal TimePartitions DeliveredEvents { get; }

    /// <summary>The time partitions of the membership log.</summary>
    internal TimePartitions MembershipLog { get; }

    /// <summary>Where new MPIDs come from: a cryptographic generator, so ids are not guessable; replaced by tests.</summary>
    internal Func<long> MpidSource { get; set; } = RandomMpid;

    /// <summary>
    /// Connects to the database in <see cref="PostgresStorageOptions.ConnectionString"/>, creates or updates the
    /// profile tables (component <c>profiles</c>) and a cursor for each of the recorded partitions.
    /// </summary>
    /// <param name="options">The provider's settings.</param>
    /// <param name="time">
    /// Taken for symmetry with the other stores; nothing here reads the clock yet, as every stored time comes from the
    /// caller (the batch being processed).
    /// </param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<PostgresProfileStore> OpenAsync(PostgresStorageOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.LogPartitions.Validate();
        var database = await PostgresDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await database.MigrateAsync(ProfileTables.Component, ProfileTables.Migrations, cancellationToken).ConfigureAwait(false);
            await using var seed = database.Source.CreateCommand(ProfileTables.SeedCursors);
            seed.Parameters.AddWithValue("count", database.Partitions);
            await seed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresProfileStore(database, options.LogPartitions);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IProfileSession> BeginSessionAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var checkpoint = await ReadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        return new PostgresProfileSession(this, checkpoint);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement: its row locks wait for a commit holding the cursor rows (a fenced commit locks them before its
    /// writes), so once it returns, that commit has either ended or will find the new epoch.
    /// </remarks>
    public async Task<IReadOnlyList<PartitionLease>> TakeFencesAsync(IReadOnlyCollection<PartitionLease> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ThrowIfDisposed();
        if (leases.Count == 0)
        {
            return [];
        }

        var ordered = leases.OrderBy(l => l.Partition).ToArray();
        await using var command = Source.CreateCommand(ProfileTables.TakeFences);
        command.Parameters.AddWithValue("partitions", ordered.Select(l => l.Partition).ToArray());
        command.Parameters.AddWithValue("epochs", ordered.Select(l => l.Epoch).ToArray());
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var taken = new List<PartitionLease>(ordered.Length);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            taken.Add(new PartitionLease(rows.GetInt32(0), rows.GetInt64(1)));
        }

        return [.. taken.OrderBy(l => l.Partition)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> ReadPartitionCursorsAsync(CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        await using var command = Source.CreateCommand(ProfileTables.SelectCursors);
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cursors = new long[PartitionCount];
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cursors[rows.GetInt32(0)] = rows.GetInt64(1);
        }

        return cursors;
    }

    /// <summary>Closes the store's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    private static long RandomMpid()
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }
}
