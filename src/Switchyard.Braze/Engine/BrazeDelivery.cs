using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The planner of a <c>braze</c> output (design.md, Deliver): maps each claimed item from its stored batch and the current
/// profile and leaves out what Braze already has (attribute deltas, delivered event ids); <see cref="TrackSender"/> packs,
/// sends and records, and the Core <see cref="DeliveryEngine"/> claims and settles. The host runs <see cref="Sender"/> in
/// an engine of its own; tests and tools call <see cref="RunOnceAsync"/>, one caller at a time.
/// </summary>
public sealed partial class BrazeDelivery : IPassPlanner
{
    private readonly string _outputId;
    private readonly BrazeOutputSettings _settings;
    private readonly IDeliveryStore _store;
    private readonly IInboxStore _inbox;
    private readonly IProfileStore _profiles;
    private readonly BrazeDeliveryMetrics _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly TrackSender _sender;
    private readonly Lazy<DeliveryEngine> _engine;
    private readonly ILogger _logger;

    /// <param name="logger">Where an item dead-lettered for a mapping failure is logged (once, with the exception).</param>
    public BrazeDelivery(
        string outputId,
        BrazeOutputSettings settings,
        IDeliveryStore store,
        IInboxStore inbox,
        IProfileStore profiles,
        BrazeTrackClient client,
        BrazeRateGates gates,
        TimeProvider time,
        DeliveryOptions options,
        BrazeDeliveryMetrics metrics,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(profiles);
        _sender = new TrackSender(outputId, settings.Connection, store, client, gates, time, options, metrics, this);
        // Built on first use: the host runs the sender in an engine of its own (Sender), tests and tools call RunOnceAsync.
        _engine = new Lazy<DeliveryEngine>(() => new DeliveryEngine(outputId, _sender, store, time, options, metrics.Delivery, logger));
        _outputId = outputId;
        _settings = settings;
        _store = store;
        _inbox = inbox;
        _profiles = profiles;
        _metrics = metrics;
        _tag = _sender.Tag;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The output this engine delivers for.</summary>
    public string OutputId => _outputId;

    /// <summary>
    /// One claim → send → record cycle. Returns how many items were settled (acknowledged or dead-lettered; a
    /// rescheduled item counts too, since it leaves the due set). Zero means there was nothing due.
    /// </summary>
    /// <remarks>
    /// Cancelled while sending, it stops before the next request, records what Braze answered so far and returns;
    /// items not answered stay queued as they were. Cancelled while reading the inbox, it throws and nothing changes.
    /// </remarks>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => _engine.Value.RunOnceAsync(cancellationToken);

    /// <summary>This output's sender, for a <see cref="DeliveryEngine"/> the host runs (<see cref="Outputs.BrazeOutputType"/>).</summary>
    internal IOutputSender Sender => _sender;

    /// <summary>The exponential backoff of the shared cycle (tests look at it).</summary>
    internal TimeSpan Backoff(int failedBefore) => _engine.Value.Backoff(failedBefore);

    async Task<PassPlan> IPassPlanner.PlanAsync(IReadOnlyList<OutboxItem> items, DateTimeOffset now, DeliveryPass pass, CancellationToken cancellationToken)
    {
        var batches = await ReadBatchesAsync(items, cancellationToken).ConfigureAwait(false);
        var prepared = new List<PreparedItem>(items.Count);
        foreach (var item in items)
        {
            if (pass.Blocked.Contains(item.Mpid))
            {
                continue;
            }

            var ready = await PrepareAsync(item, now, pass, batches, cancellationToken).ConfigureAwait(false);
            if (ready is not null)
            {
                prepared.Add(ready);
            }
        }

        prepared = await WithoutDeliveredEventsAsync(prepared, cancellationToken).ConfigureAwait(false);
        return new PassPlan(prepared, await BuildPartsAsync(prepared, now, cancellationToken).ConfigureAwait(false));
    }
}
