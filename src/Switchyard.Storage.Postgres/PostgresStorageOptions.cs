namespace Switchyard.Storage.Postgres;

/// <summary>Settings of the PostgreSQL provider.</summary>
public sealed record PostgresStorageOptions
{
    /// <summary>An Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>How long a (feed, source_request_id) pair is remembered for de-duplication (mParticle keeps 30–60 days).</summary>
    public TimeSpan DedupeRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How many user partitions batches are spread over (<see cref="Core.Partitions.UserPartitions"/>). Recorded when the
    /// schema is created; opening a database recorded with a different count is refused.
    /// </summary>
    public int Partitions { get; init; } = Core.Partitions.UserPartitions.DefaultCount;

    /// <summary>Tuning of the inbox: segment size for retention, group-commit and queue bounds.</summary>
    public Inbox.PostgresInboxOptions Inbox { get; init; } = new();

    /// <summary>How much time each partition of the delivered event ids and of the membership log covers.</summary>
    public Profiles.LogPartitionOptions LogPartitions { get; init; } = new();

    /// <summary>
    /// Whether this node processes and delivers. Such a node opens the partition leases
    /// (<see cref="Partitions.PostgresPartitionOwnership"/>) and works only on the partitions it holds; any number of
    /// nodes may process the same database side by side. Off for stores opened on their own (tests, tools) and for
    /// ingest-only nodes.
    /// </summary>
    public bool ProcessingNode { get; init; }

    /// <summary>The timing of partition leases (tests shorten it so that no test waits for a 15-second lease).</summary>
    public Core.Partitions.PartitionOwnershipOptions Ownership { get; init; } = new();

    /// <summary>
    /// Whether nodes wake each other: the inbox sends a PostgreSQL notification after storing batches (at most one per
    /// node every 50 ms), and a processing node listens for them on a connection of its own
    /// (<see cref="Inbox.PostgresInboxListener"/>), so a batch ingested on one node is processed at once on another.
    /// Off, nodes find each other's batches only by polling (every second): the setting for connections through a
    /// proxy that pools by transaction, where <c>LISTEN</c> does not work. On by default.
    /// </summary>
    public bool Notifications { get; init; } = true;
}
