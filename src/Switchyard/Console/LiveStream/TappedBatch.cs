namespace Switchyard.Console.LiveStream;

/// <summary>One accepted batch as the live stream shows it: where and when it came in, what it holds, and its JSON.</summary>
internal sealed record TappedBatch(
    long Id,
    string InputId,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<string> EventTypes,
    IReadOnlyList<string> EventNames,
    IReadOnlyList<string> Identities,
    string Json);
