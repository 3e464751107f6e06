namespace Switchyard.Sandbox.Track;

/// <summary>The three input arrays of /users/track and their wire names (reference/braze.md §1.1).</summary>
internal static class TrackArrays
{
    public const string Attributes = "attributes";
    public const string Events = "events";
    public const string Purchases = "purchases";
}
