namespace Switchyard.Core.Ingest.Model;

/// <summary>One consent decision in a <see cref="ConsentState"/> (reference/mparticle.md §1.2).</summary>
public sealed class ConsentRecord
{
    public bool? Consented { get; set; }

    public string? Document { get; set; }

    public long? TimestampUnixtimeMs { get; set; }

    public string? Location { get; set; }

    public string? HardwareId { get; set; }
}
