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
    public DsrRecord? Submit(string feedId, DsrSubmission submission)
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
        if (!store.Insert(record, CallbackBodies(record)))
        {
            return null;
        }

        signal.Wake();
        return record;
    }

    public bool Cancel(string id, DateTimeOffset now)
    {
        var cancelled = store.Cancel(id, now, r => System.Text.Encoding.UTF8.GetString(StatusBody(r, null)));
        signal.Wake();
        return cancelled;
    }

    /// <summary>The status object; <paramref name="baseUrl"/> (the caller's view of this service) forms <c>results_url</c>.</summary>
    public byte[] StatusBody(DsrRecord record, string? baseUrl) =>
        DsrJson.Status(record, ResultsUrl(record, baseUrl), record.Type == DsrRequestType.Erasure ? store.DeletionsOf(record.Id) : []);

    /// <summary>The callback bodies of a status change: none without callback URLs (one body serves every URL).</summary>
    public IReadOnlyList<string> CallbackBodies(DsrRecord record) =>
        record.CallbackUrls.Count == 0 ? [] : [System.Text.Encoding.UTF8.GetString(StatusBody(record, null))];

    private string ResultsUrl(DsrRecord record, string? baseUrl)
    {
        var root = baseUrl ?? settings.PublicBaseUrl?.AbsoluteUri.TrimEnd('/') ?? "";
        return $"{root}/v3/requests/{record.Id}/results";
    }
}
