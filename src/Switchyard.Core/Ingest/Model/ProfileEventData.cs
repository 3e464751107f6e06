using System.Text.Json.Serialization;

namespace Switchyard.Core.Ingest.Model;

/// <summary>The data of a <c>profile</c> event (reference/mparticle.md §1.3). MPIDs accept a number or a numeric string, as the batch <c>mpid</c> does.</summary>
public sealed class ProfileEventData : EventData
{
    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? PreviousMpid { get; set; }

    [JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
    public long? CurrentMpid { get; set; }

    public ProfileEventType? ProfileEventType { get; set; }
}
