using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// The session's identity lookups for one resolution, each asked once: resolution looks the same identity up several
/// times, and with a database store each lookup is a query. Links read here are as of the start of the resolution.
/// </summary>
internal sealed class IdentityLinks(IProfileSession session)
{
    private readonly Dictionary<(string Key, string Value), long?> _seen = [];

    public async ValueTask<long?> FindAsync(string key, string value, CancellationToken cancellationToken)
    {
        if (!_seen.TryGetValue((key, value), out var mpid))
        {
            mpid = await session.FindMpidAsync(key, value, cancellationToken).ConfigureAwait(false);
            _seen[(key, value)] = mpid;
        }

        return mpid;
    }
}
