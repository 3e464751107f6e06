namespace Switchyard.Core.Storage;

/// <summary>
/// Tells a processing node that another node may have appended to the inbox, for a provider whose nodes share one
/// database. The hints may come late, twice or not at all: a processing node still polls the inbox, and a wake-up only
/// shortens its wait. A provider whose ingest and processing are one process (SQLite) need not register one, since the
/// host wakes its own processing after each append.
/// </summary>
public interface IInboxWakeups
{
    /// <summary>
    /// Listens until <paramref name="cancellationToken"/> is cancelled, calling <paramref name="wake"/> whenever batches
    /// may have been appended elsewhere, and once each time listening (re)starts, since appends made while it was not
    /// listening went unheard. A lost connection is retried, never thrown; the task ends only with the cancellation.
    /// </summary>
    Task ListenAsync(Action wake, CancellationToken cancellationToken);
}
