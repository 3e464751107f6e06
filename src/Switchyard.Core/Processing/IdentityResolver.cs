using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Finds the profile a batch belongs to in the workspace identity graph, or creates it. The rules, in order:
/// <list type="number">
/// <item>A batch <c>mpid</c> (reference/mparticle.md §1.2) that names a stored profile is that user, whatever its
/// identities say (SDKs send the MPID that identity resolution gave them, so it is the strongest claim).</item>
/// <item>Otherwise the unique identities (<see cref="ProcessingSettings.UniqueIdentities"/>) are looked up in priority
/// order (<c>customerid</c> counts as <c>customer_id</c>); the first linked profile is the user, unless it holds a
/// different value for a higher-priority unique identity the batch also carries (then it is somebody else: a customer
/// id is stronger than a shared email).</item>
/// <item>Otherwise the other user identities, then the device identities (§1.5, §1.6), are looked up; a profile found
/// that way is the user unless it holds a different value for any unique identity of the batch. This is how an
/// anonymous profile known only by its device is <em>linked</em> to the customer id it later sends.</item>
/// <item>Otherwise a new profile is created.</item>
/// </list>
/// Afterwards every identity of the batch that still points elsewhere is settled:
/// <list type="bullet">
/// <item><b>Conflict:</b> a unique identity linked to another profile (necessarily a known one). The chosen profile
/// wins; the identity is not re-pointed or copied, and the outcome reports the conflict so the worker can count it.
/// Example: customer_id of A with email of B goes to A; B keeps its email.</item>
/// <item><b>Merge:</b> a device or non-unique identity linked to an <em>anonymous</em> profile (no unique identity):
/// that profile was this user before they identified, so it is merged in (<see cref="ProfileMerge"/>) and deleted.</item>
/// <item><b>Move:</b> a device or non-unique identity linked to another <em>known</em> profile (a shared device): the
/// identity moves to the chosen profile; the other profile keeps everything else and is re-evaluated.</item>
/// </list>
/// </summary>
internal sealed class IdentityResolver(IReadOnlyList<string> uniqueIdentities)
{
    /// <summary><c>customerid</c> in settings means <c>customer_id</c>, as on the wire (§1.5).</summary>
    private readonly List<string> _unique =
        [.. uniqueIdentities.Select(u => u == "customerid" ? IdentityKeys.CustomerId : u).Distinct(StringComparer.Ordinal)];

    public async ValueTask<IdentityResolution> ResolveAsync(IProfileSession session, Batch batch, BatchIdentities ids, CancellationToken cancellationToken)
    {
        var links = new IdentityLinks(session);
        var unique = _unique.Where(ids.User.ContainsKey).ToList();
        var target = batch.Mpid is { } mpid ? await session.LoadAsync(mpid, cancellationToken).ConfigureAwait(false) : null;

        for (var i = 0; target is null && i < unique.Count; i++)
        {
            target = await CandidateAsync(session, links, unique[i], ids.User[unique[i]], ids, unique, i, cancellationToken).ConfigureAwait(false);
        }

        foreach (var (key, value) in OtherIdentities(ids, unique))
        {
            if (target is not null)
            {
                break;
            }

            target = await CandidateAsync(session, links, key, value, ids, unique, unique.Count, cancellationToken).ConfigureAwait(false);
        }

        var created = target is null;
        target ??= new Profile { Mpid = await session.NewMpidAsync(cancellationToken).ConfigureAwait(false) };

        var withheld = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in unique)
        {
            if (await links.FindAsync(key, ids.User[key], cancellationToken).ConfigureAwait(false) is { } owner && owner != target.Mpid)
            {
                withheld.Add(key);
            }
        }

        var absorbed = new List<Profile>();
        var released = new Dictionary<long, Profile>();
        foreach (var (key, value) in OtherIdentities(ids, unique))
        {
            if (await links.FindAsync(key, value, cancellationToken).ConfigureAwait(false) is not { } owner || owner == target.Mpid || absorbed.Any(p => p.Mpid == owner))
            {
                continue;
            }

            if (!released.TryGetValue(owner, out var other))
            {
                other = await session.LoadAsync(owner, cancellationToken).ConfigureAwait(false);
                if (other is null)
                {
                    continue;
                }
            }

            if (IsAnonymous(other))
            {
                ProfileMerge.Into(target, other);
                session.Delete(other.Mpid);
                absorbed.Add(other);
            }
            else
            {
                Release(other, key, value);
                released[owner] = other;
            }
        }

        return new IdentityResolution(target, created, withheld.Count > 0, withheld, absorbed, [.. released.Values]);
    }

    private static async ValueTask<Profile?> CandidateAsync(IProfileSession session, IdentityLinks links, string key, string value, BatchIdentities ids, List<string> unique, int stronger, CancellationToken cancellationToken)
    {
        if (await links.FindAsync(key, value, cancellationToken).ConfigureAwait(false) is not { } mpid
            || await session.LoadAsync(mpid, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            return null;
        }

        for (var j = 0; j < stronger; j++)
        {
            if (profile.UserIdentities.TryGetValue(unique[j], out var held) && !string.Equals(held, ids.User[unique[j]], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return profile;
    }

    private bool IsAnonymous(Profile profile) => !_unique.Any(profile.UserIdentities.ContainsKey);

    /// <summary>The batch's non-unique user identities, then its device identities, as stored lookup keys.</summary>
    private static IEnumerable<(string Key, string Value)> OtherIdentities(BatchIdentities ids, List<string> unique)
    {
        foreach (var (key, value) in ids.User)
        {
            if (!unique.Contains(key))
            {
                yield return (key, value);
            }
        }

        foreach (var (field, value) in ids.Device)
        {
            yield return (IdentityKeys.Device(field), value);
        }
    }

    private static void Release(Profile other, string key, string value)
    {
        var devicePrefix = IdentityKeys.Device("");
        if (key.StartsWith(devicePrefix, StringComparison.Ordinal))
        {
            var field = key[devicePrefix.Length..];
            if (other.DeviceIdentities.TryGetValue(field, out var held) && held == value)
            {
                other.DeviceIdentities.Remove(field);
            }
        }
        else if (other.UserIdentities.TryGetValue(key, out var held) && held == value)
        {
            other.UserIdentities.Remove(key);
        }
    }
}
