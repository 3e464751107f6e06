using System.Net.Http.Headers;
using System.Text;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Core.Delivery.MParticle;

internal sealed partial class MParticleSender
{
    /// <summary>
    /// Sends the planned batches in order, <see cref="MParticleSettings.BatchSize"/> (and at most
    /// <see cref="MaxRequestBytes"/>) to a request. After a request that must be retried, the rest wait for the next pass
    /// (the receiver is unwell or limiting, and a user's later batch must not overtake the failed one). A request the
    /// receiver refuses as a whole is sent again one batch at a time, so only the bad batch is rejected.
    /// </summary>
    private async Task SendPlannedAsync(List<(OutboxItem Item, byte[] Batch)> planned, DeliveryPass pass, CancellationToken cancellationToken)
    {
        foreach (var request in Pack(planned))
        {
            BulkAnswer answer;
            try
            {
                answer = await PostAsync(request, pass, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the request in flight and the rest stay queued untouched.
                return;
            }

            if (answer.SplitRequired)
            {
                foreach (var single in request)
                {
                    var alone = await PostAsync([single], pass, cancellationToken).ConfigureAwait(false);
                    if (!Settle([single], alone, pass))
                    {
                        return;
                    }
                }

                continue;
            }

            if (!Settle(request, answer, pass))
            {
                return;
            }
        }
    }

    /// <summary>Gives each batch of the request its outcome; false when the rest must wait (a retryable answer).</summary>
    private static bool Settle(IReadOnlyList<(OutboxItem Item, byte[] Batch)> request, BulkAnswer answer, DeliveryPass pass)
    {
        var goOn = true;
        for (var i = 0; i < request.Count; i++)
        {
            var outcome = answer.Outcomes[i];
            pass.Complete(request[i].Item, outcome);
            if (outcome.Kind == ItemOutcomeKind.Retryable)
            {
                pass.Blocked.Add(request[i].Item.Mpid);
                goOn = false;
            }
        }

        return goOn;
    }

    private async Task<BulkAnswer> PostAsync(IReadOnlyList<(OutboxItem Item, byte[] Batch)> request, DeliveryPass pass, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var body = new byte[request.Sum(r => r.Batch.Length) + request.Count + 1];
        var at = 0;
        body[at++] = (byte)'[';
        for (var i = 0; i < request.Count; i++)
        {
            if (i > 0)
            {
                body[at++] = (byte)',';
            }

            request[i].Batch.CopyTo(body, at);
            at += request[i].Batch.Length;
        }

        body[at] = (byte)']';
        using var message = new HttpRequestMessage(HttpMethod.Post, settings.BulkEventsUrl) { Content = new ByteArrayContent(body) };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // HTTP Basic with the receiving feed's key and secret, as mParticle's Events API and Switchyard's take it.
        message.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(settings.ApiKey + ":" + settings.ApiSecret)));
        BulkAnswer answer;
        try
        {
            using var response = await http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var retryAfter = RetryAfter(response.Headers.RetryAfter);
            answer = BulkAnswer.Read(response.StatusCode, retryAfter, text, request.Count, response.Headers.Location?.ToString());
        }
        catch (HttpRequestException e)
        {
            answer = BulkAnswer.NoAnswer(request.Count, $"no answer from the receiver: {e.HttpRequestError}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            answer = BulkAnswer.NoAnswer(request.Count, "the receiver did not answer in time");
        }

        DateTimeOffset? pauseUntil = null;
        if (answer.StatusCode == 429)
        {
            pauseUntil = time.GetUtcNow() + (answer.RetryAfter ?? TimeSpan.FromSeconds(1));
            await gate.PauseUntilAsync(pauseUntil.Value, cancellationToken).ConfigureAwait(false);
        }

        var retryReason = answer.Outcomes.FirstOrDefault(o => o.Kind == ItemOutcomeKind.Retryable).Reason;
        pass.RequestAnswered(new RequestReport(answer.StatusCode, request.Count, retryReason, pauseUntil));
        return answer;
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Consecutive runs of at most <see cref="MParticleSettings.BatchSize"/> batches and <see cref="MaxRequestBytes"/>.</summary>
    private IEnumerable<List<(OutboxItem Item, byte[] Batch)>> Pack(List<(OutboxItem Item, byte[] Batch)> planned)
    {
        var request = new List<(OutboxItem, byte[])>();
        var bytes = 2;
        foreach (var entry in planned)
        {
            if (request.Count > 0 && (request.Count == settings.BatchSize || bytes + entry.Batch.Length + 1 > MaxRequestBytes))
            {
                yield return request;
                request = [];
                bytes = 2;
            }

            request.Add(entry);
            bytes += entry.Batch.Length + 1;
        }

        if (request.Count > 0)
        {
            yield return request;
        }
    }

}
