using Switchyard.Core.Profiles;

namespace Switchyard.Storage.Sqlite.Profiles;

/// <summary>Keeping the identity and membership rows beside a profile's document in line with it.</summary>
internal sealed partial class SqliteProfileWriter
{
    /// <summary>
    /// Points every identity of the profile at it, then drops links that were stored for it but are no longer on the
    /// profile (an identity the user changed or removed), so a lookup by the old value finds nobody. A link known to
    /// point here already is left alone.
    /// </summary>
    private void SyncIdentities(long mpid, HashSet<(string Key, string Value)> wanted, HashSet<(string Key, string Value)> stored)
    {
        foreach (var link in wanted)
        {
            if (!_linked.TryGetValue(link, out var owner) || owner != mpid)
            {
                if (_statements.PointIdentity.Execute(link.Key, link.Value, mpid) > 0)
                {
                    marks.Link(link.Key, link.Value);
                }

                _linked[link] = mpid;
            }
        }

        foreach (var link in stored)
        {
            if (!wanted.Contains(link))
            {
                if (_statements.DropIdentity.Execute(link.Key, link.Value, mpid) > 0)
                {
                    marks.Link(link.Key, link.Value);
                }

                if (_linked.TryGetValue(link, out var owner) && owner == mpid)
                {
                    _linked.Remove(link);
                }
            }
        }
    }

    private HashSet<(string Key, string Value)> StoredIdentities(long mpid)
    {
        var stored = new HashSet<(string Key, string Value)>();
        using var reader = _statements.SelectIdentitiesOf.Query(mpid);
        while (reader.Read())
        {
            stored.Add((reader.GetString(0), reader.GetString(1)));
        }

        return stored;
    }

    private void SyncMemberships(long mpid, HashSet<int> wanted, HashSet<int> stored)
    {
        foreach (var audienceId in wanted)
        {
            if (!stored.Contains(audienceId))
            {
                _statements.InsertMembership.Execute(audienceId, mpid);
            }
        }

        foreach (var audienceId in stored)
        {
            if (!wanted.Contains(audienceId))
            {
                _statements.DeleteMembership.Execute(audienceId, mpid);
            }
        }
    }

    private HashSet<int> StoredAudiences(long mpid)
    {
        var stored = new HashSet<int>();
        using var reader = _statements.SelectAudiencesOf.Query(mpid);
        while (reader.Read())
        {
            stored.Add(reader.GetInt32(0));
        }

        return stored;
    }
}
