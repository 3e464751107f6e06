namespace Switchyard.Sandbox.Currents;

/// <summary>The one event of a Currents batch: always a <c>custom_event</c> here.</summary>
internal sealed record CurrentsEvent(string EventType, CurrentsEventData Data);
