namespace Switchyard.Core.Delivery;

/// <summary>What an audience job walks through and queues for an audience connection.</summary>
public enum AudienceJobKind
{
    /// <summary>Queues a sync item for every current member, then for every user the output holds attributes for.</summary>
    Sync,

    /// <summary>Queues a clean-up item for every user the output holds attributes for (opt-in; removes this audience's attributes).</summary>
    CleanUp,
}

public enum AudienceJobState
{
    Running,

    Done,

    /// <summary>Replaced by a newer job of the same connection, or the connection was deleted.</summary>
    Cancelled,
}

/// <summary>
/// A resumable walk over users that queues outbox items for one audience connection, a chunk at a time; the cursor and
/// the items of a chunk commit together, so a restart goes on from the last chunk.
/// </summary>
/// <param name="Phase">Sync: 0 = current members, 1 = users with attributes at the output. Clean-up: always 1.</param>
/// <param name="CursorMpid">The last user of the current phase already queued; <see cref="NotStarted"/> before the first.</param>
/// <param name="Processed">Users walked so far, over both phases.</param>
/// <param name="Total">Users to walk, as counted when the job started (the sets may change while it runs).</param>
public sealed record AudienceJob(
    long Id,
    string OutputId,
    int AudienceId,
    AudienceJobKind Kind,
    AudienceJobState State,
    int Phase,
    long CursorMpid,
    long Processed,
    long Total,
    long CreatedAtMs,
    long? FinishedAtMs)
{
    /// <summary>The cursor of a phase that has not queued anyone yet (MPIDs may be negative, so not 0).</summary>
    public const long NotStarted = long.MinValue;
}
