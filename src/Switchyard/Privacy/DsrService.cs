using Switchyard.Core.Privacy;

namespace Switchyard.Privacy;

/// <summary>Accepts and cancels data subject requests and describes them; the worker (<see cref="DsrWorker"/>) carries them out.</summary>
internal sealed class DsrService(IDsrStore store, DsrSigner signer, DsrSettings settings, TimeProvider time, DsrSignal signal)
{
    public IDsrStore Store => store;

    public DsrSigner Signer => signer;

    public DsrSettings Settings => settings;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Stores a new request (pending, with its first callback); null when the id is taken.</summary>
    public async Task<DsrRecord?> SubmitAsync(string feedId, DsrSubmission submission, CancellationToken cancellationToken)
    {
        var now = Now;
        var waiting = submission.Type == DsrRequestType.Erasure && !submission.SkipWaitingPeriod ? settings.ErasureWaitingPeriod : TimeSpan.Zero;
        var subject = new DsrSubject();
        foreach (var (key, value) in submission.Identities)
        {
            subject.Add(key, value);
        }

        if (submission.Mpid is { } mpid)
        {
            subject.AddMpid(mpid);
        }

        var record = new DsrRecord
        {
            Id = submission.SubjectRequestId,
            FeedId = feedId,
            Regulation = submission.Regulation,
            Type = submission.Type,
            Status = DsrStatus.Pending,
            SubmittedTime = submission.SubmittedTime,
            ReceivedTime = now,
            NotBefore = now + waiting,
            ExpectedCompletionTime = now + waiting + settings.ExpectedDuration,
            GroupId = submission.GroupId,
            CallbackUrls = submission.CallbackUrls,
            Stage = DsrStages.Resolve,
            Subject = subject.ToJson(),
        };
        if (!await store.InsertAsync(record, await CallbackBodiesAsync(record, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        signal.Wake();
        return record;
    }

    /// <summary>Cancels a pending request with its callback; false when it is not pending.</summary>
    public async Task<bool> CancelAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Only a pending request can be cancelled, and a pending one has queued no Braze deletions yet, so its status
        // body needs nothing more from the store (the body is formed inside the store's write).
        var cancelled = await store.CancelAsync(id, now, r => System.Text.Encoding.UTF8.GetString(StatusBody(r, null, [])), cancellationToken).ConfigureAwait(false);
        signal.Wake();
        return cancelled;
    }

    /// <summary>The status object; <paramref name="baseUrl"/> (the caller's view of this service) forms <c>results_url</c>.</summary>
    public async Task<byte[]> StatusBodyAsync(DsrRecord record, string? baseUrl, CancellationToken cancellationToken) =>
        StatusBody(record, baseUrl, record.Type == DsrRequestType.Erasure ? await store.DeletionsOfAsync(record.Id, cancellationToken).ConfigureAwait(false) : []);

    /// <summary>The callback bodies of a status change: none without callback URLs (one body serves every URL).</summary>
    public async Task<IReadOnlyList<string>> CallbackBodiesAsync(DsrRecord record, CancellationToken cancellationToken) =>
        record.CallbackUrls.Count == 0 ? [] : [System.Text.Encoding.UTF8.GetString(await StatusBodyAsync(record, null, cancellationToken).ConfigureAwait(false))];

    /// <summary>The status object with the request's Braze deletions already read (<see cref="IDsrStore.DeletionsOfAsync"/>).</summary>
    public byte[] StatusBody(DsrRecord record, string? baseUrl, IReadOnlyList<DsrDeletion> deletions) =>
        DsrJson.Status(record, ResultsUrl(record, baseUrl), deletions);

    private string ResultsUrl(DsrRecord record, string? baseUrl)
    {
        var root = baseUrl ?? settings.PublicBaseUrl?.AbsoluteUri.TrimEnd('/') ?? "";
        return $"{root}/v3/requests/{record.Id}/results";
    }
}
