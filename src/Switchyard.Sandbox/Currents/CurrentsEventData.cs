namespace Switchyard.Sandbox.Currents;

/// <summary>
/// The <c>data</c> of a Currents event; <see cref="SourceMessageId"/> is the Currents event id, fixed when the event is
/// created so a receiver can deduplicate retries.
/// </summary>
internal sealed record CurrentsEventData(
    string EventName,
    string CustomEventType,
    string SourceMessageId,
    long TimestampUnixtimeMs,
    IReadOnlyDictionary<string, string> CustomAttributes);
