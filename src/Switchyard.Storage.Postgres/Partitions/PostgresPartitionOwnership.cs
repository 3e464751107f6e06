using Npgsql;
using NpgsqlTypes;
using Switchyard.Core.Partitions;

namespace Switchyard.Storage.Postgres.Partitions;

/// <summary>
/// Partition leases in PostgreSQL, shared by every node on the database. Each call is one statement (or one implicit
/// transaction of two, for <see cref="LeaveAsync"/>) on a pooled connection; the row locks of <c>partition_lease</c>
/// are what keep a partition to one owner, and its epoch column the fencing token. Expiry is judged on the database's
/// clock, so the nodes' own clocks may disagree.
/// </summary>
/// <remarks>Thread-safe: every call takes a pooled connection of its own.</remarks>
public sealed class PostgresPartitionOwnership : IPartitionOwnership, IAsyncDisposable
{
    private readonly PostgresDatabase _database;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeProvider? _clock;

    private PostgresPartitionOwnership(PostgresDatabase database, TimeSpan leaseDuration, TimeProvider? clock)
    {
        _database = database;
        _leaseDuration = leaseDuration;
        _clock = clock;
    }

    /// <inheritdoc />
    public int PartitionCount => _database.Partitions;

    /// <summary>Connects, brings the lease tables up to date and adds a row for every partition that lacks one.</summary>
    public static Task<PostgresPartitionOwnership> OpenAsync(PostgresStorageOptions options, PartitionOwnershipOptions ownership, CancellationToken cancellationToken = default) =>
        OpenAsync(options, ownership, clock: null, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(PostgresStorageOptions, PartitionOwnershipOptions, CancellationToken)"/>, but with
    /// <paramref name="clock"/> standing in for the database's clock when it is given, so tests can let leases run out
    /// without waiting for them.
    /// </summary>
    internal static async Task<PostgresPartitionOwnership> OpenAsync(
        PostgresStorageOptions options, PartitionOwnershipOptions ownership, TimeProvider? clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        ownership.Validate();
        var database = await PostgresDatabase.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        try
        {
            await database.MigrateAsync(PartitionLeaseSchema.Component, PartitionLeaseSchema.Migrations, cancellationToken).ConfigureAwait(false);
            await using var seed = database.Source.CreateCommand(PartitionLeaseSchema.Seed);
            seed.Parameters.Add(new NpgsqlParameter<int>("count", database.Partitions));
            await seed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new PostgresPartitionOwnership(database, ownership.LeaseDuration, clock);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public Task RegisterAsync(string nodeId, CancellationToken cancellationToken) =>
        ExecuteAsync(PartitionLeaseSchema.Register, nodeId, cancellationToken);

    /// <inheritdoc />
    public Task HeartbeatAsync(string nodeId, CancellationToken cancellationToken) =>
        ExecuteAsync(PartitionLeaseSchema.Heartbeat, nodeId, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PartitionLease>> AcquireAsync(string nodeId, IReadOnlyCollection<int> wanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        CheckPartitions(wanted);
        await using var command = Command(PartitionLeaseSchema.Acquire, nodeId);
        command.Parameters.Add(new NpgsqlParameter<int[]>("wanted", [.. wanted]));
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("ttl", _leaseDuration));
        return await ReadLeasesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PartitionLease>> RenewAsync(string nodeId, IReadOnlyCollection<PartitionLease> held, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(held);
        CheckPartitions(held.Select(l => l.Partition));
        await using var command = Command(PartitionLeaseSchema.Renew, nodeId);
        AddHeld(command, held);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("ttl", _leaseDuration));
        return await ReadLeasesAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<int>> ReleaseAsync(string nodeId, IReadOnlyCollection<PartitionLease> leases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leases);
        CheckPartitions(leases.Select(l => l.Partition));
        await using var command = Command(PartitionLeaseSchema.Release, nodeId);
        AddHeld(command, leases);
        var freed = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            freed.Add(reader.GetInt32(0));
        }

        freed.Sort();
        return freed;
    }

    /// <inheritdoc />
    public Task LeaveAsync(string nodeId, CancellationToken cancellationToken) =>
        ExecuteAsync(PartitionLeaseSchema.Leave, nodeId, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<PartitionLeaseState>> ReadLeasesAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(PartitionLeaseSchema.ReadLeases, nodeId: null);
        var leases = new List<PartitionLeaseState>(PartitionCount);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add(new PartitionLeaseState(
                reader.GetInt32(0),
                await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(1),
                reader.GetInt64(2),
                reader.GetBoolean(3)));
        }

        return leases;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<NodeHeartbeat>> ReadNodesAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(PartitionLeaseSchema.ReadNodes, nodeId: null);
        var nodes = new List<NodeHeartbeat>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            nodes.Add(new NodeHeartbeat(reader.GetString(0), reader.GetFieldValue<TimeSpan>(1)));
        }

        return nodes;
    }

    /// <inheritdoc />
    public async Task<int> ForgetSilentNodesAsync(TimeSpan silentFor, CancellationToken cancellationToken)
    {
        await using var command = Command(PartitionLeaseSchema.ForgetSilent, nodeId: null);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan>("silent_for", silentFor));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task ExecuteAsync(string sql, string nodeId, CancellationToken cancellationToken)
    {
        await using var command = Command(sql, nodeId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand Command(string sql, string? nodeId)
    {
        var command = _database.Source.CreateCommand(sql);
        if (nodeId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(nodeId);
            command.Parameters.Add(new NpgsqlParameter<string>("node", nodeId));
        }

        // Null unless a test stands in for the database's clock; the statements then fall back to now().
        command.Parameters.Add(new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = _clock is null ? DBNull.Value : _clock.GetUtcNow() });
        return command;
    }

    private static void AddHeld(NpgsqlCommand command, IReadOnlyCollection<PartitionLease> leases)
    {
        command.Parameters.Add(new NpgsqlParameter<int[]>("partitions", [.. leases.Select(l => l.Partition)]));
        command.Parameters.Add(new NpgsqlParameter<long[]>("epochs", [.. leases.Select(l => l.Epoch)]));
    }

    private static async Task<IReadOnlyList<PartitionLease>> ReadLeasesAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var leases = new List<PartitionLease>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add(new PartitionLease(reader.GetInt32(0), reader.GetInt64(1)));
        }

        leases.Sort((x, y) => x.Partition.CompareTo(y.Partition));
        return leases;
    }

    private void CheckPartitions(IEnumerable<int> partitions)
    {
        foreach (var partition in partitions)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(partition);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, PartitionCount);
        }
    }
}
