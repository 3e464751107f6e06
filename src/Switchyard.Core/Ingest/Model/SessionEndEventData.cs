namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>session_end</c> (reference/mparticle.md §1.3).</summary>
public sealed class SessionEndEventData : EventData
{
    public long? SessionDurationMs { get; set; }
}
