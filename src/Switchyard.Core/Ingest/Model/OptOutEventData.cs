namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of an <c>opt_out</c> (reference/mparticle.md §1.3).</summary>
public sealed class OptOutEventData : EventData
{
    public bool? IsOptedOut { get; set; }
}
