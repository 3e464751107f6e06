namespace Switchyard.Core.Storage;

/// <summary>
/// Asks a storage provider whether its database answers right now, for a readiness check. A provider whose storage
/// lives in the process (SQLite's files) need not register one.
/// </summary>
public interface IStorageProbe
{
    /// <summary>
    /// Runs one cheap round trip to the database. An answer that does not come before <paramref name="cancellationToken"/>
    /// is cancelled counts as unreachable; the result never carries a credential.
    /// </summary>
    Task<StorageProbeResult> ProbeAsync(CancellationToken cancellationToken);
}
