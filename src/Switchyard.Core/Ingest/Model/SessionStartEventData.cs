namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>session_start</c>: only the common fields (reference/mparticle.md §1.3).</summary>
public sealed class SessionStartEventData : EventData
{
}
