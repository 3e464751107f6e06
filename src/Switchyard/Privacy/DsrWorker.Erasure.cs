using Switchyard.Braze.Client;
using Switchyard.Braze.Mapping;
using Switchyard.Core.Privacy;

namespace Switchyard.Privacy;

/// <summary>
/// Erasure: resolve the subject and queue the Braze deletions (the ledgers go with the profile, since Braze will no
/// longer hold what they record); erase the subject's batches from the inbox; erase the profile store between
/// processor sessions; then, once the deletions are settled and deliveries in flight have had time to finish, sweep
/// once more and complete, forgetting the subject.
/// </summary>
internal sealed partial class DsrWorker
{
    private async Task<DsrRecord?> ResolveErasureAsync(DsrRecord r, CancellationToken cancellationToken)
    {
        var (subject, holdings) = await ResolveAsync(r, cancellationToken).ConfigureAwait(false);

        var mark = await inboxEraser.LastSequenceAsync(cancellationToken).ConfigureAwait(false);
        return await MoveAsync(
            r,
            r with { Status = DsrStatus.InProgress, Stage = DsrStages.Inbox, Subject = subject.ToJson(), InboxMark = mark, ResultsCount = holdings.Count },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The request's subject completed from the store: the MPIDs its identities lead to, what each of those profiles
    /// holds, and every identity linked to them (so batches and Braze ids sent under those are found too).
    /// </summary>
    private async Task<(DsrSubject Subject, List<SubjectHoldings> Holdings)> ResolveAsync(DsrRecord r, CancellationToken cancellationToken)
    {
        var subject = DsrSubject.FromJson(r.Subject);
        foreach (var (key, values) in subject.Identities.ToList())
        {
            foreach (var value in values)
            {
                if (await profiles.FindMpidAsync(key, value, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    subject.AddMpid(found);
                }
            }
        }

        var holdings = new List<SubjectHoldings>();
        foreach (var mpid in subject.Mpids)
        {
            if (await profiles.CollectAsync(mpid, cancellationToken).ConfigureAwait(false) is { } held)
            {
                holdings.Add(held);
            }
        }

        foreach (var held in holdings)
        {
            foreach (var (key, value) in held.IdentityLinks)
            {
                subject.Add(key, value);
            }
        }

        return (subject, holdings);
    }

    /// <summary>
    /// One set of deletions per Braze workspace (REST key and endpoint), by the external ids Switchyard sends there:
    /// each output's external identity type, read from the subject's identities (the request's and every identity of
    /// the profiles it matched; MPIDs for outputs that send the MPID). Batches of 50, Braze's limit.
    /// </summary>
    private List<DsrDeletion> BrazeDeletions(string requestId, DsrSubject subject)
    {
        var deletions = new List<DsrDeletion>();
        foreach (var workspace in brazeOutputs.All.GroupBy(o => (o.Settings.RestEndpoint.AbsoluteUri, o.Settings.RestApiKey)))
        {
            var ids = new List<string>();
            foreach (var (_, settings) in workspace)
            {
                IEnumerable<string> values = BrazeUserMapper.ExternalIdKey(settings) is { } key
                    ? subject.Identities.GetValueOrDefault(key) ?? []
                    : subject.Mpids.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture));
                ids.AddRange(values.Where(v => !ids.Contains(v)));
            }

            foreach (var chunk in ids.Chunk(BrazeUserDeleteClient.MaxIds))
            {
                deletions.Add(new DsrDeletion(0, requestId, workspace.First().Id, "external_ids", chunk, "queued", 0, null));
            }
        }

        return deletions;
    }

    private async Task<DsrRecord?> EraseInboxAsync(DsrRecord r, CancellationToken cancellationToken)
    {
        var subject = DsrSubject.FromJson(r.Subject);
        var erased = await inboxEraser.EraseAsync(r.InboxMark, payload => BatchOwnership.Belongs(payload, subject), cancellationToken).ConfigureAwait(false);
        Log.DsrInboxErased(logger, r.Id, erased);
        return await MoveAsync(r, r with { Stage = DsrStages.Profiles }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DsrRecord?> EraseProfilesAsync(DsrRecord r, CancellationToken cancellationToken)
    {
        var subject = DsrSubject.FromJson(r.Subject);
        foreach (var mpid in await profiles.EraseAsync(subject, cancellationToken).ConfigureAwait(false))
        {
            subject.AddMpid(mpid);
        }

        return await MoveAsync(
            r,
            r with { Stage = DsrStages.Forward, Subject = subject.ToJson(), SweepAt = time.GetUtcNow() + service.Settings.SweepDelay },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DsrRecord?> SweepAsync(DsrRecord r, CancellationToken cancellationToken)
    {
        if (r.SweepAt > time.GetUtcNow())
        {
            return r;
        }

        // A delivery pass that claimed the user's items before they were erased may still be sending them: wait for
        // every pass running now, so no /users/track of the user can reach Braze after the deletion and create the
        // user again. Then anything those passes wrote for the user (a ledger, a dead letter) goes; the ledgers the
        // Braze deletion makes stale are gone before it is queued.
        await deliveryPasses.WaitForRunningAsync(cancellationToken).ConfigureAwait(false);
        var subject = DsrSubject.FromJson(r.Subject);
        await inboxEraser.EraseAsync(r.InboxMark, payload => BatchOwnership.Belongs(payload, subject), cancellationToken).ConfigureAwait(false);
        await profiles.EraseAsync(subject, cancellationToken).ConfigureAwait(false);
        return await MoveAsync(r, r with { Stage = DsrStages.Braze }, cancellationToken, BrazeDeletions(r.Id, subject)).ConfigureAwait(false);
    }

    private async Task<DsrRecord?> CompleteAsync(DsrRecord r, CancellationToken cancellationToken)
    {
        if ((await Store.DeletionsOfAsync(r.Id, cancellationToken).ConfigureAwait(false)).Any(d => d.State == "queued"))
        {
            return r;
        }

        var now = time.GetUtcNow();
        return await MoveAsync(
            r,
            r with { Status = DsrStatus.Completed, Stage = DsrStages.Done, Subject = null, CompletedTime = now, ExpectedCompletionTime = now },
            cancellationToken).ConfigureAwait(false);
    }
}
