namespace Switchyard.Core.Storage;

/// <summary>
/// The outcome of one append: per record, the sequence number it was stored under, or <c>null</c> when it
/// was a duplicate of a batch already held.
/// </summary>
public sealed record InboxAppendResult(IReadOnlyList<long?> Sequences)
{
    public int StoredCount => Sequences.Count(s => s is not null);

    public int DuplicateCount => Sequences.Count(s => s is null);
}
