using Switchyard.Core.Audiences;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Profiles;

namespace Switchyard.Core.Processing;

/// <summary>
/// Applies batches to profiles: identity resolution (<see cref="IdentityResolver"/> documents the link, merge and
/// conflict rules), last-writer-wins profile updates, event recording for audience criteria, and audience
/// re-evaluation into the membership log. Everything goes through the caller's <see cref="IProfileSession"/>, which the
/// caller commits together with the inbox checkpoint.
/// </summary>
/// <remarks>
/// <para>
/// <b>Identity.</b> An existing batch <c>mpid</c> wins; otherwise the unique identities of
/// <see cref="ProcessingSettings.UniqueIdentities"/> decide in priority order, then other user identities, then device
/// identities. An anonymous profile (no unique identity) found by a device id is linked: the unique identity is added
/// to it. If the unique identity belongs to a known profile while the device id points at an anonymous one, the
/// anonymous profile is merged into the known one (last-writer-wins attributes, summed event histories, identities
/// moved), deleted, and leaves its audiences. A device id held by another <em>known</em> profile simply moves.
/// </para>
/// <para>
/// <b>Conflict rule.</b> When a batch names two different known users (customer_id of A, email of B) the
/// highest-priority unique identity wins: the batch is applied to A, B keeps its email (lower-priority conflicting
/// identities are not re-pointed), and <see cref="ProcessOutcome.Conflict"/> is true so the worker can count it. The
/// same holds when a lower-priority identity leads to a profile with a different higher-priority value (email of A,
/// new customer_id B): that is a new user B, and A keeps the email.
/// </para>
/// <para>
/// <b>Idempotency.</b> Attributes, identities, push tokens and consent merge last-writer-wins by timestamp, so
/// processing the same batch twice leaves them as they were. Event counts and occurrences are not idempotent (a
/// second pass counts the events again); the worker prevents that by committing the checkpoint in the same session
/// as the effects, so a committed batch is never processed twice and an uncommitted one left no effects.
/// </para>
/// </remarks>
public sealed class BatchProcessor(ProcessingSettings settings)
{
    private readonly IdentityResolver _resolver = new(Validated(settings).UniqueIdentities);
    private readonly EventRecorder _events = new(settings);

    /// <summary>
    /// Resolves the batch's user, updates the profile, records its events, re-evaluates audiences and appends the
    /// membership changes, all through <paramref name="session"/>. Does not commit.
    /// </summary>
    /// <param name="receivedAtMs">When ingest accepted the batch: the time of anything the batch does not date.</param>
    /// <param name="nowMs">The processing time: retention cut-off, audience windows, membership change times.</param>
    public async ValueTask<ProcessOutcome> ProcessAsync(IProfileSession session, Batch batch, long receivedAtMs, IAudienceEvaluator audiences, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(audiences);

        var ids = BatchIdentities.Of(batch);
        var writeMs = BatchWriteTime.Of(batch, receivedAtMs);
        var resolution = await _resolver.ResolveAsync(session, batch, ids, cancellationToken).ConfigureAwait(false);
        var profile = resolution.Profile;
        var changes = new List<MembershipChange>();
        foreach (var absorbed in resolution.Absorbed)
        {
            MembershipUpdate.LeaveAll(session, absorbed, nowMs, changes);
        }

        // A known user who lost a shared device to this one: identity criteria may no longer hold for them.
        foreach (var released in resolution.Released)
        {
            MembershipUpdate.Apply(session, released, audiences, nowMs, changes);
            session.Save(released);
        }

        // Identities first: their last-writer-wins check reads LastSeenMs before this batch widens it.
        var identityChanged = IdentityUpdates.Apply(profile, ids, resolution.Withheld, writeMs);
        AttributeUpdates.Apply(profile, batch, writeMs, receivedAtMs);
        PushTokenUpdates.Apply(profile, batch, writeMs, receivedAtMs);
        ConsentUpdates.Apply(profile, batch.ConsentState, writeMs, receivedAtMs);
        DeviceUpdates.Apply(profile, batch, writeMs);
        _events.Record(profile, batch, receivedAtMs, audiences, nowMs);
        _events.Trim(profile, nowMs);
        SeenTimes.Apply(profile, batch, receivedAtMs, writeMs);
        MembershipUpdate.Apply(session, profile, audiences, nowMs, changes);
        Schedule(session, profile, audiences, nowMs);
        session.Save(profile);
        return new ProcessOutcome(profile.Mpid, resolution.Created, resolution.Conflict, changes)
        {
            MemberIdentityChanged = identityChanged && profile.Audiences.Count > 0,
        };
    }

    /// <summary>
    /// Re-evaluates one stored profile because time passed (recency windows, retention) or audience definitions changed;
    /// appends the membership changes and saves the profile only if something changed. An unknown MPID changes nothing.
    /// </summary>
    public async ValueTask<ProcessOutcome> ReevaluateAsync(IProfileSession session, long mpid, IAudienceEvaluator audiences, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(audiences);

        var changes = new List<MembershipChange>();
        if (await session.LoadAsync(mpid, cancellationToken).ConfigureAwait(false) is not { } profile)
        {
            session.ScheduleEvaluation(mpid, null);
            return new ProcessOutcome(mpid, false, false, changes);
        }

        var trimmed = _events.Trim(profile, nowMs);
        var moved = MembershipUpdate.Apply(session, profile, audiences, nowMs, changes);
        var rescheduled = Schedule(session, profile, audiences, nowMs);
        if (trimmed || moved || rescheduled)
        {
            session.Save(profile);
        }

        return new ProcessOutcome(mpid, false, false, changes);
    }

    /// <summary>
    /// Re-evaluates, in pages of <paramref name="pageSize"/> each committed in a session of its own from
    /// <paramref name="sessions"/>, the profiles whose membership could change with time alone by <paramref name="nowMs"/>
    /// — joining as well as leaving: every profile due in the expiry index (<see cref="IProfileSession.DueForEvaluationAsync"/>),
    /// then every member of the <see cref="IAudienceEvaluator.RescannedAudiences"/>. A page whose commit meets a
    /// conflict (a batch changed one of its profiles meanwhile) is evaluated again. Returns the outcomes that changed membership.
    /// </summary>
    public async Task<IReadOnlyList<ProcessOutcome>> ReevaluateTimeWindowsAsync(Func<CancellationToken, ValueTask<IProfileSession>> sessions, IAudienceEvaluator audiences, long nowMs, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(audiences);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);

        var changed = new List<ProcessOutcome>();
        while (true)
        {
            var page = await ProfileSessions.RunAsync(sessions, async session =>
            {
                var due = await session.DueForEvaluationAsync(nowMs, pageSize, cancellationToken).ConfigureAwait(false);

                // Each re-evaluation moves the profile's time past now (or clears it), so no page is read twice.
                return (due.Count, Changed: await CollectAsync(session, due, audiences, nowMs, cancellationToken).ConfigureAwait(false));
            }, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            changed.AddRange(page.Changed);
        }

        if (audiences.RescannedAudiences.Count > 0)
        {
            changed.AddRange(await ProfileSessions.RunAsync(sessions, async session =>
                await CollectAsync(session, await session.MembersOfAnyAsync([.. audiences.RescannedAudiences], cancellationToken).ConfigureAwait(false), audiences, nowMs, cancellationToken).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false));
        }

        return changed;
    }

    private async Task<List<ProcessOutcome>> CollectAsync(IProfileSession session, IReadOnlyList<long> mpids, IAudienceEvaluator audiences, long nowMs, CancellationToken cancellationToken)
    {
        var changed = new List<ProcessOutcome>();
        foreach (var mpid in mpids)
        {
            var outcome = await ReevaluateAsync(session, mpid, audiences, nowMs, cancellationToken).ConfigureAwait(false);
            if (outcome.Changes.Count > 0)
            {
                changed.Add(outcome);
            }
        }

        return changed;
    }

    /// <summary>Keeps the profile's entry in the expiry index up to date; true when it changed (the profile must be saved).</summary>
    private static bool Schedule(IProfileSession session, Profile profile, IAudienceEvaluator audiences, long nowMs)
    {
        var next = audiences.NextChangeMs(profile, nowMs);
        long? due = next == long.MaxValue ? null : Math.Max(next, nowMs + 1);
        if (due == profile.NextEvaluationMs)
        {
            return false;
        }

        session.ScheduleEvaluation(profile.Mpid, due);
        profile.NextEvaluationMs = due;
        return true;
    }

    private static ProcessingSettings Validated(ProcessingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.UniqueIdentities);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.EventRetention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxOccurrencesPerEventKey, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxEventKeysPerProfile, 1);
        return settings;
    }
}
