using Switchyard.Core.Audiences;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Processing;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Identity;

/// <summary>
/// mParticle's Identity API over Switchyard's own profiles. Identify, login and logout resolve through the
/// <see cref="BatchProcessor"/> in one store session, exactly as a batch carrying the same identities and no events
/// would, so the MPID handed out here is the one processing uses and the two never create two profiles for one user:
/// a session whose commit finds that the other changed what it read is run again, against what the other committed.
/// </summary>
/// <remarks>
/// Rules (documented in docs/identity-api.md): <b>identify</b> and <b>login</b> find the user by the unique identities in
/// priority order, then other identities, then device identities and the device application stamp; an anonymous profile
/// found by the device becomes the known user (profile conversion), an anonymous profile of the device meeting a known
/// user is merged into it, nobody found creates a profile. <b>logout</b> always starts a new anonymous profile holding
/// the request's device identities, which move to it from the profile logged out of. <b>search</b> only looks up.
/// <b>modify</b> changes user identities of an existing MPID; a unique identity another profile holds moves here.
/// </remarks>
public sealed class IdentityApi(BatchProcessor processor, ProcessingSettings settings, IProfileStore profiles, TimeProvider time)
{
    private readonly string[] _unique = [.. settings.UniqueIdentities.Select(u => u == "customerid" ? IdentityKeys.CustomerId : u)];

    /// <summary>Identify, login or logout: the MPID the client uses from now on. Commits before returning.</summary>
    public async Task<IdentityAnswer> ResolveAsync(IdentityRequest request, IAudienceEvaluator audiences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(audiences);
        if (request.Operation == IdentityOperation.Search)
        {
            throw new ArgumentException("search does not write; use Search", nameof(request));
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var identities = request.Operation == IdentityOperation.Logout
            ? request.KnownIdentities.Where(p => !IdSyncNames.IsUserIdentity(p.Key)).ToDictionary(StringComparer.Ordinal)
            : request.KnownIdentities;
        var batch = IdSyncNames.ToBatch(identities, request.Environment);
        batch.TimestampUnixtimeMs = now;
        return await ProfileSessions.RunAsync(profiles, async session =>
        {
            // The MPID goes back to the client, which sends it from now on: it must not be lost to a power failure.
            session.RequireDurableCommit();
            var created = false;
            batch.Mpid = null;
            if (request.Operation == IdentityOperation.Logout)
            {
                // A new anonymous user: the resolver keeps a batch's own MPID, and moves the device identities to it.
                batch.Mpid = await session.NewMpidAsync(cancellationToken).ConfigureAwait(false);
                session.Save(new Profile { Mpid = batch.Mpid.Value, FirstSeenMs = now, LastSeenMs = now });
                created = true;
            }

            var outcome = await processor.ProcessAsync(session, batch, now, audiences, now, cancellationToken).ConfigureAwait(false);
            var profile = await session.LoadAsync(outcome.Mpid, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException("the resolved profile was not saved");
            return new IdentityAnswer(outcome.Mpid, IsKnown(profile), Matched(profile, request.KnownIdentities), created || outcome.CreatedProfile);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user these identities name, without creating or changing anyone; 404 when nobody holds them.</summary>
    public async Task<(IdentityAnswer? Answer, IdentityError? Error)> SearchAsync(IdentityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = BatchIdentities.Of(IdSyncNames.ToBatch(request.KnownIdentities, request.Environment));
        using var session = await profiles.BeginSessionAsync(cancellationToken).ConfigureAwait(false);
        var lookups = _unique.Where(ids.User.ContainsKey).Select(k => (k, ids.User[k]))
            .Concat(ids.User.Where(p => !_unique.Contains(p.Key)).Select(p => (p.Key, p.Value)))
            .Concat(ids.Device.Select(p => (IdentityKeys.Device(p.Key), p.Value)));
        foreach (var (key, value) in lookups)
        {
            if (await session.FindMpidAsync(key, value, cancellationToken).ConfigureAwait(false) is { } mpid
                && await session.LoadAsync(mpid, cancellationToken).ConfigureAwait(false) is { } profile)
            {
                return (new IdentityAnswer(mpid, IsKnown(profile), Matched(profile, request.KnownIdentities), Created: false), null);
            }
        }

        return (null, IdentityError.NotFound("known_identities: no user holds these identities"));
    }

    /// <summary>Adds, changes or removes user identities of <paramref name="mpid"/>; never creates a user.</summary>
    public Task<IdentityError?> ModifyAsync(long mpid, IReadOnlyList<IdentityChange> changes, IAudienceEvaluator audiences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(audiences);
        return ProfileSessions.RunAsync(profiles, session => ModifyAsync(session, mpid, changes, audiences, cancellationToken), cancellationToken);
    }

    private async Task<IdentityError?> ModifyAsync(IProfileSession session, long mpid, IReadOnlyList<IdentityChange> changes, IAudienceEvaluator audiences, CancellationToken cancellationToken)
    {
        session.RequireDurableCommit();
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (await session.LoadAsync(mpid, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            return IdentityError.NotFound($"mpid: no user {mpid}");
        }

        var log = new List<MembershipChange>();
        foreach (var change in changes)
        {
            var key = IdSyncNames.StoredUserKey(change.IdentityType)!;
            if (change.NewValue is null)
            {
                profile.UserIdentities.Remove(key);
                continue;
            }

            if (await session.FindMpidAsync(key, change.NewValue, cancellationToken).ConfigureAwait(false) is { } owner && owner != mpid
                && await session.LoadAsync(owner, cancellationToken).ConfigureAwait(false) is { } other)
            {
                // At most one user holds a value of a unique identity: it moves here, and the other user may be left anonymous.
                if (other.UserIdentities.TryGetValue(key, out var held) && held == change.NewValue)
                {
                    other.UserIdentities.Remove(key);
                    MembershipUpdate.Apply(session, other, audiences, now, log);
                    session.Save(other);
                }
            }

            profile.UserIdentities[key] = change.NewValue;
        }

        // Identities are last-writer-wins against the profile's last-seen time: a batch older than this call cannot undo it.
        profile.LastSeenMs = Math.Max(profile.LastSeenMs, now);
        MembershipUpdate.Apply(session, profile, audiences, now, log);
        session.Save(profile);
        return null;
    }

    private bool IsKnown(Profile profile) => _unique.Any(profile.UserIdentities.ContainsKey);

    private static Dictionary<string, string> Matched(Profile profile, IReadOnlyDictionary<string, string> requested)
    {
        var matched = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in requested)
        {
            var held = IdSyncNames.StoredUserKey(name) is { } user
                ? profile.UserIdentities.GetValueOrDefault(user)
                : IdSyncNames.StoredDeviceField(name) is { } field ? profile.DeviceIdentities.GetValueOrDefault(field) : null;
            if (held == value)
            {
                matched[name] = value;
            }
        }

        return matched;
    }
}
