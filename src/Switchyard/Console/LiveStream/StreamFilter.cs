namespace Switchyard.Console.LiveStream;

/// <summary>
/// The live stream's filter: event type and event name match exactly (case-insensitive), identity matches any part of
/// a <c>type: value</c> pair, so "email" and "a@example.com" both find a batch with that email.
/// </summary>
internal sealed record StreamFilter(string? EventType = null, string? EventName = null, string? Identity = null)
{
    public bool Matches(TappedBatch batch) =>
        (string.IsNullOrWhiteSpace(EventType) || batch.EventTypes.Contains(EventType.Trim(), StringComparer.OrdinalIgnoreCase))
        && (string.IsNullOrWhiteSpace(EventName) || batch.EventNames.Contains(EventName.Trim(), StringComparer.OrdinalIgnoreCase))
        && (string.IsNullOrWhiteSpace(Identity) || batch.Identities.Any(i => i.Contains(Identity.Trim(), StringComparison.OrdinalIgnoreCase)));
}
