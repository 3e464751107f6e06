namespace Switchyard.Core.Profiles;

public sealed class EventOccurrence
{
    public long AtMs { get; set; }

    /// <summary>Only the event attributes some audience criterion needs (null when none), values as strings.</summary>
    public Dictionary<string, string>? Attributes { get; set; }
}
