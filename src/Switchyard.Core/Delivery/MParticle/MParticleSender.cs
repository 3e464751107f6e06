using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>
/// The sender of an <c>mparticle</c> output: each item's inbox batch (routing's <c>{"seq": n}</c>) forwarded as an
/// Events API batch (<see cref="RelayedBatch"/>), packed <see cref="MParticleSettings.BatchSize"/> to a
/// <c>/v2/bulkevents</c> request, sent in claim order through the output's rate gate (<see cref="Send"/>).
/// </summary>
internal sealed partial class MParticleSender(
    MParticleSettings settings, HttpClient http, RateGate gate, IInboxStore inbox, IProfileStore profiles, TimeProvider time) : IOutputSender
{
    /// <summary>Switchyard's Events API refuses requests over 256 KB (docs/events-api.md); a request stays below it.</summary>
    internal const int MaxRequestBytes = 250 * 1024;

    public async Task SendAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass, CancellationToken cancellationToken)
    {
        var planned = new List<(OutboxItem Item, byte[] Batch)>(items.Count);
        foreach (var item in items)
        {
            if (pass.Blocked.Contains(item.Mpid))
            {
                continue;
            }

            if (await PlanAsync(item, pass, cancellationToken).ConfigureAwait(false) is { } batch)
            {
                planned.Add((item, batch));
            }
        }

        await SendPlannedAsync(planned, pass, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The item's batch ready to send; null when the item was settled here (dead-lettered or skipped).</summary>
    private async Task<byte[]?> PlanAsync(OutboxItem item, DeliveryPass pass, CancellationToken cancellationToken)
    {
        long sequence;
        try
        {
            using var payload = JsonDocument.Parse(item.Payload);
            sequence = payload.RootElement.GetProperty("seq").GetInt64();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            await pass.DeadLetterAsync(item, "unreadable outbox payload (expected {\"seq\": n})", cancellationToken).ConfigureAwait(false);
            return null;
        }

        var stored = item.Batch;
        if (stored is null)
        {
            var read = await inbox.ReadAsync(sequence - 1, 1, cancellationToken).ConfigureAwait(false);
            stored = read.FirstOrDefault(b => b.Sequence == sequence);
        }

        if (stored is null)
        {
            await pass.DeadLetterAsync(item, $"batch {sequence.ToString(CultureInfo.InvariantCulture)} is no longer in the inbox", cancellationToken).ConfigureAwait(false);
            return null;
        }

        pass.Batches[item.Id] = stored;
        if (RelayedBatch.Parse(stored.Payload) is not { } batch)
        {
            await pass.DeadLetterAsync(item, $"batch {sequence.ToString(CultureInfo.InvariantCulture)} is not a JSON object", cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (RelayedBatch.IsRelayed(batch))
        {
            // Came in through a relay: forwarding it again could send it back where it came from.
            await pass.SkipAsync(item, cancellationToken).ConfigureAwait(false);
            return null;
        }

        if (!pass.Profiles.TryGetValue(item.Mpid, out var profile))
        {
            pass.Profiles[item.Mpid] = profile = await profiles.FindProfileAsync(item.Mpid, cancellationToken).ConfigureAwait(false);
        }

        if (profile is null)
        {
            // Erased (or merged away) since routing: its data must not leave this Switchyard.
            await pass.DeadLetterAsync(item, $"profile {item.Mpid.ToString(CultureInfo.InvariantCulture)} not found", cancellationToken).ConfigureAwait(false);
            return null;
        }

        return JsonSerializer.SerializeToUtf8Bytes(RelayedBatch.Forwarded(batch, stored.Payload, profile, settings.IncludeMpid), JsonNodeContext.Default.JsonObject);
    }
}
