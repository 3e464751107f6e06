namespace Switchyard.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite provider.</summary>
public sealed record SqliteStorageOptions
{
    /// <summary>The folder that holds the database files; created when missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>How long a (feed, source_request_id) pair is remembered for de-duplication (mParticle keeps 30–60 days).</summary>
    public TimeSpan DedupeRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>The most appends (requests) one group commit may take.</summary>
    public int MaxAppendsPerCommit { get; init; } = 512;

    /// <summary>
    /// How many appends may wait for the writer before callers are held back. Each holds its own copy of up to
    /// 256 KB, so this also bounds the memory of queued requests (512 × 256 KB = 128 MB at the very worst).
    /// </summary>
    public int MaxPendingAppends { get; init; } = 512;

    /// <summary>
    /// <c>FULL</c> syncs the WAL on every commit, so an acknowledged batch survives power loss, not only a
    /// process crash. Group commit keeps that affordable.
    /// </summary>
    public bool SynchronousFull { get; init; } = true;

    /// <summary>
    /// Page cache of the writer's connection. The dedupe keys are inserted in random order, so their B-tree pages
    /// must stay cached for inserts to remain cheap as the table grows; readers keep SQLite's small default.
    /// </summary>
    public int WriterCacheMegabytes { get; init; } = 64;

    /// <summary>
    /// Memory for the profiles that recent commits saved, kept with their identity links so that a user's next batch
    /// reads them without a query (<c>Profiles/RecentProfiles.cs</c>); the least recently saved go first. 0 keeps none.
    /// </summary>
    public int RecentProfilesMegabytes { get; init; } = 32;

    /// <summary>
    /// How many user partitions a new store spreads batches over (<see cref="Core.Partitions.UserPartitions"/>). Recorded
    /// when the store is created; opening an existing store with a different count is refused.
    /// </summary>
    public int Partitions { get; init; } = Core.Partitions.UserPartitions.DefaultCount;

    /// <summary>Test knob: caps the profile store's file size for its delivery writes (<see cref="SqlitePageCap"/>). Null: no cap.</summary>
    public SqlitePageCap? PageCap { get; init; }
}
