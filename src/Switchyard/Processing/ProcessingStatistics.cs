namespace Switchyard.Processing;

/// <summary>Counters the processor keeps since start, readable through the admin API.</summary>
internal sealed class ProcessingStatistics
{
    private long _batches;
    private long _events;
    private long _profilesCreated;
    private long _conflicts;
    private long _unreadable;
    private long _membershipChanges;
    private long _failed;
    private long _echoSuppressed;

    public long Batches => Interlocked.Read(ref _batches);

    public long Events => Interlocked.Read(ref _events);

    public long ProfilesCreated => Interlocked.Read(ref _profilesCreated);

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public long Unreadable => Interlocked.Read(ref _unreadable);

    public long MembershipChanges => Interlocked.Read(ref _membershipChanges);

    /// <summary>Batches passed over because processing them failed (they stay in the inbox).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Outbox items not queued because echo suppression kept a Braze feed's batch from its own Braze workspace.</summary>
    public long EchoSuppressed => Interlocked.Read(ref _echoSuppressed);

    public void Processed(int events, bool created, bool conflict, int changes)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _membershipChanges, changes);
        if (created)
        {
            Interlocked.Increment(ref _profilesCreated);
        }

        if (conflict)
        {
            Interlocked.Increment(ref _conflicts);
        }
    }

    public void Reevaluated(int changes) => Interlocked.Add(ref _membershipChanges, changes);

    public void UnreadableBatch() => Interlocked.Increment(ref _unreadable);

    public void Suppressed(int items) => Interlocked.Add(ref _echoSuppressed, items);

    public void FailedBatch() => Interlocked.Increment(ref _failed);
}
