using System.Text.Json;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Storage;

namespace Switchyard.Tests.Delivery.OwnOutputType;

/// <summary>
/// Reads each item's batch from the inbox (the <c>{"seq": n}</c> payload routing writes), finds the customer id and
/// answers by its settings: rejected, "try again" for the first attempts, then delivered. Keeps per-user order: after a
/// user's item that must be retried, the user's later items are not sent in this pass.
/// </summary>
internal sealed class RecorderSender(string outputId, RecorderSettings settings, RecorderDestination destination, IInboxStore inbox) : IOutputSender
{
    public async Task SendAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            if (pass.Blocked.Contains(item.Mpid))
            {
                continue;
            }

            using var payload = JsonDocument.Parse(item.Payload);
            var sequence = payload.RootElement.GetProperty("seq").GetInt64();
            var batch = item.Batch ?? (await inbox.ReadAsync(sequence - 1, 1, cancellationToken)).Single(b => b.Sequence == sequence);
            pass.Batches[item.Id] = batch;
            using var json = JsonDocument.Parse(batch.Payload);
            var customerId = json.RootElement.GetProperty("user_identities").GetProperty("customer_id").GetString()!;
            ItemOutcome outcome;
            if (settings.Reject.Contains(customerId))
            {
                outcome = ItemOutcome.Rejected($"recorder refuses {customerId}");
            }
            else if (item.Attempts < settings.RetryFirst)
            {
                outcome = ItemOutcome.Retryable("recorder is warming up");
                pass.Blocked.Add(item.Mpid);
            }
            else
            {
                outcome = ItemOutcome.Delivered;
            }

            destination.Add(new RecordedDelivery(outputId, customerId, item.Attempts, outcome.Kind.ToString()));
            pass.RequestAnswered(new RequestReport(outcome.Kind == ItemOutcomeKind.Retryable ? 503 : 202, 1, outcome.Kind == ItemOutcomeKind.Retryable ? outcome.Reason : null));
            pass.Complete(item, outcome);
        }
    }
}
