namespace Switchyard.AudienceSync;

/// <summary>Configuration warnings about audience outputs, found at start-up, logged and shown by the admin API.</summary>
internal sealed class AudienceSyncWarnings(IReadOnlyList<string> all)
{
    public IReadOnlyList<string> All { get; } = all;
}
