namespace Switchyard.Sandbox.Currents;

/// <summary>
/// One Currents event as the mParticle Events-API batch Braze's mParticle export sends (reference/mparticle.md §5):
/// one user, one event, no user attributes.
/// </summary>
internal sealed record CurrentsBatch(
    int SchemaVersion,
    string Environment,
    CurrentsUserIdentities UserIdentities,
    IReadOnlyDictionary<string, string> UserAttributes,
    CurrentsDeviceInfo DeviceInfo,
    IReadOnlyList<CurrentsEvent> Events);
