using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Braze.Client;

namespace Switchyard.Privacy;

/// <summary>
/// Braze deletions and status callbacks. A deletion is retried with backoff (honouring Retry-After) and dead after
/// <see cref="DsrSettings.MaxDeletionAttempts"/> or on a refusal; a callback is retried a few times, then dropped and
/// logged, since the status stays readable with GET.
/// </summary>
internal sealed partial class DsrWorker
{
    private async Task SendDeletionsAsync(CancellationToken cancellationToken)
    {
        foreach (var deletion in await Store.DueDeletionsAsync(time.GetUtcNow(), 20, cancellationToken).ConfigureAwait(false))
        {
            var output = brazeOutputs.All.FirstOrDefault(o => o.Id == deletion.OutputId);
            if (output.Settings is null)
            {
                await Store.SettleDeletionAsync(deletion.Id, "dead", null, $"The Braze output '{deletion.OutputId}' is no longer configured.", cancellationToken).ConfigureAwait(false);
                continue;
            }

            var outcome = await _braze.DeleteAsync(output.Settings.Connection, deletion.IdKind, deletion.Ids, cancellationToken).ConfigureAwait(false);
            var attempts = deletion.Attempts + 1;
            // Braze has answered, so its answer is recorded even when the worker is stopping; dropped, it would send the
            // deletion again after the restart.
            switch (outcome.Result)
            {
                case BrazeDeleteResult.Sent:
                    await Store.SettleDeletionAsync(deletion.Id, "sent", null, null, CancellationToken.None).ConfigureAwait(false);
                    break;
                case BrazeDeleteResult.Retryable when attempts < service.Settings.MaxDeletionAttempts:
                    var wait = outcome.RetryAfter ?? TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts)));
                    await Store.SettleDeletionAsync(deletion.Id, "queued", time.GetUtcNow() + wait, outcome.Error, CancellationToken.None).ConfigureAwait(false);
                    break;
                default:
                    await Store.SettleDeletionAsync(deletion.Id, "dead", null, outcome.Error, CancellationToken.None).ConfigureAwait(false);
                    Log.DsrDeletionDead(logger, deletion.RequestId, deletion.OutputId, outcome.Error ?? "");
                    break;
            }
        }
    }

    private async Task SendCallbacksAsync(CancellationToken cancellationToken)
    {
        foreach (var callback in await Store.DueCallbacksAsync(time.GetUtcNow(), 50, cancellationToken).ConfigureAwait(false))
        {
            // Checked again at sending: the workspace may have narrowed its allowed URLs since the request came in.
            if (!service.Settings.Callbacks.Allows(callback.Url))
            {
                await Store.SettleCallbackAsync(callback.Id, null, "not allowed", cancellationToken).ConfigureAwait(false);
                continue;
            }

            // OpenDSR has the body name the URL it is sent to; the signature covers the body as sent.
            var status = JsonNode.Parse(callback.Body)!.AsObject();
            status["status_callback_url"] = callback.Url;
            var body = Encoding.UTF8.GetBytes(status.ToJsonString());
            using var message = new HttpRequestMessage(HttpMethod.Post, callback.Url) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.Add("X-OpenDSR-Processor-Domain", service.Signer.Domain);
            message.Headers.Add("X-OpenDSR-Signature", service.Signer.Sign(body));
            string? error;
            try
            {
                using var response = await _callbacks.SendAsync(message, cancellationToken).ConfigureAwait(false);
                error = response.IsSuccessStatusCode ? null : $"answered {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                error = e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = "no answer in time";
            }

            // The receiver has answered (or failed to), so the outcome is recorded even when the worker is stopping.
            if (error is null)
            {
                await Store.SettleCallbackAsync(callback.Id, null, null, CancellationToken.None).ConfigureAwait(false);
            }
            else if (callback.Attempts + 1 < service.Settings.MaxCallbackAttempts)
            {
                await Store.SettleCallbackAsync(callback.Id, time.GetUtcNow() + TimeSpan.FromSeconds(Math.Pow(4, callback.Attempts + 1)), error, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await Store.SettleCallbackAsync(callback.Id, null, error, CancellationToken.None).ConfigureAwait(false);
                Log.DsrCallbackDropped(logger, callback.RequestId, error);
            }
        }
    }
}
