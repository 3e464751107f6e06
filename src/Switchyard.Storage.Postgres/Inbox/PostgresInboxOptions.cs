namespace Switchyard.Storage.Postgres.Inbox;

/// <summary>Tuning of the PostgreSQL inbox (<see cref="PostgresInboxStore"/>); the defaults suit production.</summary>
public sealed record PostgresInboxOptions
{
    /// <summary>
    /// The most sequence numbers one segment (a partition of the <c>inbox</c> table) covers. Pruning drops whole
    /// segments, so a batch is removed only together with the rest of its segment; smaller segments prune more exactly
    /// at the cost of more tables. Tests use tiny segments (1 makes pruning exact to the batch).
    /// </summary>
    public long SegmentSize { get; init; } = 1_000_000;

    /// <summary>The fewest sequence numbers a segment covers (at most <see cref="SegmentSize"/>); the first segment has this many.</summary>
    public long MinimumSegmentSize { get; init; } = 1_000;

    /// <summary>
    /// How long a segment should take to fill: each new segment is sized by the rate the previous one filled at, so a
    /// quiet inbox still closes segments, and can drop them, within its retention.
    /// </summary>
    public TimeSpan SegmentSpan { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Appends that may wait for the writer; a caller beyond this waits for room (back-pressure).</summary>
    public int MaxPendingAppends { get; init; } = 4096;

    /// <summary>
    /// Flushes that may be under way at once. Each takes what has queued when it starts; they claim their keys side by
    /// side and take turns only for the sequences, the insert and the commit (see <see cref="PostgresInboxStore"/>), so
    /// one flush prepares while another commits. 1 makes the writer strictly one flush at a time.
    /// </summary>
    public int Writers { get; init; } = 2;

    /// <summary>The most appends one transaction (one flush of a writer) takes.</summary>
    public int MaxAppendsPerFlush { get; init; } = 256;

    /// <summary>Payload bytes after which a flush takes no further appends (one append is always taken whole).</summary>
    public int MaxFlushBytes { get; init; } = 8 * 1024 * 1024;

    /// <summary>Fails at start with the name of the first setting out of range.</summary>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentSize, 1, nameof(SegmentSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MinimumSegmentSize, 1, nameof(MinimumSegmentSize));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SegmentSpan, TimeSpan.Zero, nameof(SegmentSpan));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingAppends, 1, nameof(MaxPendingAppends));
        ArgumentOutOfRangeException.ThrowIfLessThan(Writers, 1, nameof(Writers));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAppendsPerFlush, 1, nameof(MaxAppendsPerFlush));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFlushBytes, 1, nameof(MaxFlushBytes));
    }
}
