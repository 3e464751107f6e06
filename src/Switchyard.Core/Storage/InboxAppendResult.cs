namespace Switchyard.Core.Storage;

/// <summary>
/// The outcome of one append: per record, the sequence number it was stored under, or <c>null</c> when it
/// was a duplicate of a batch already held.
/// </summary>
public sealed record InboxAppendResult(IReadOnlyList<long?> Sequences)
{
    /// <summary>
    /// Per record, how many of its events were left out because their <c>source_message_id</c> was already claimed.
    /// Empty when no record had any (the common case). A record whose slot is <c>null</c> and whose count here is above
    /// zero was a duplicate by its events; a <c>null</c> slot with zero here repeated a <c>source_request_id</c>.
    /// </summary>
    public IReadOnlyList<int> DroppedEvents { get; init; } = [];

    public int StoredCount => Sequences.Count(s => s is not null);

    public int DuplicateCount => Sequences.Count(s => s is null);

    /// <summary>Batches not stored because every event in them had been seen (by <c>source_message_id</c>).</summary>
    public int MessageDuplicateCount => Enumerable.Range(0, Sequences.Count).Count(i => Sequences[i] is null && DroppedEventsAt(i) > 0);

    /// <summary>Batches not stored because their <c>source_request_id</c> had been seen.</summary>
    public int RequestDuplicateCount => DuplicateCount - MessageDuplicateCount;

    /// <summary>Events left out, over every record, as repeats of a <c>source_message_id</c>.</summary>
    public int DroppedEventCount => DroppedEvents.Sum();

    public int DroppedEventsAt(int index) => DroppedEvents.Count == 0 ? 0 : DroppedEvents[index];
}
