namespace Switchyard.Core.Ingest.Model;

/// <summary>An event's <c>location</c> (reference/mparticle.md §1.3).</summary>
public sealed class GeoLocation
{
    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    /// <summary>Accuracy radius in metres.</summary>
    public double? Accuracy { get; set; }
}
