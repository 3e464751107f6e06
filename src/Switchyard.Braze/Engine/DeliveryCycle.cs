using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;

namespace Switchyard.Braze.Engine;

/// <summary>
/// What every Braze output's delivery does once (conventions.md: the engine owns batching, backoff, rate limits and
/// dead letters): claim → plan (<see cref="IPassPlanner"/>) → pack and send through the key's rate gate → record the
/// ledgers → settle each item. <see cref="BrazeDelivery"/> and <see cref="BrazeAudienceDelivery"/> differ only in the plan.
/// </summary>
internal sealed partial class DeliveryCycle
{
    private readonly string _outputId;
    private readonly BrazeConnection _connection;
    private readonly IDeliveryStore _store;
    private readonly BrazeTrackClient _client;
    private readonly BrazeRateGate _gate;
    private readonly TimeProvider _time;
    private readonly BrazeDeliveryOptions _options;
    private readonly BrazeDeliveryMetrics _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly Random _random;

    public DeliveryCycle(
        string outputId,
        BrazeConnection connection,
        IDeliveryStore store,
        BrazeTrackClient client,
        BrazeRateGates gates,
        TimeProvider time,
        BrazeDeliveryOptions options,
        BrazeDeliveryMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputId);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        options.Validate();
        _outputId = outputId;
        _connection = connection;
        _store = store;
        _client = client;
        _gate = gates.For(connection);
        _time = time;
        _options = options;
        _metrics = metrics;
        _tag = new KeyValuePair<string, object?>("output", outputId);
        // Jitter only spreads retries; it needs no unpredictability, and a fixed seed makes tests repeatable.
        _random = options.JitterSeed is { } seed ? new Random(seed) : Random.Shared;
    }

    public string OutputId => _outputId;

    public IDeliveryStore Store => _store;

    public BrazeDeliveryMetrics Metrics => _metrics;

    /// <summary>The <c>output</c> tag every measurement of this output carries.</summary>
    public KeyValuePair<string, object?> Tag => _tag;

    public TimeProvider Time => _time;

    /// <summary>
    /// One claim → plan → send → record → settle cycle; returns how many items were settled (a rescheduled item counts,
    /// since it leaves the due set). Cancelled while sending, it stops before the next request, records what was
    /// answered and returns; cancelled while planning, it throws and nothing changes.
    /// </summary>
    public async Task<int> RunOnceAsync(IPassPlanner planner, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var items = _store.ClaimDue(_outputId, now.ToUnixTimeMilliseconds(), _options.ClaimLimit);
        if (items.Count == 0)
        {
            return 0;
        }

        var pass = new DeliveryPass();
        var plan = await planner.PlanAsync(items, now, pass, cancellationToken).ConfigureAwait(false);
        var (partOutcomes, sent) = await SendAsync(plan.Parts, cancellationToken).ConfigureAwait(false);
        RecordLedgers(plan.Parts, partOutcomes, sent);
        Settle(plan.Prepared, plan.Parts, partOutcomes, pass);
        return pass.Settled;
    }

    /// <summary>Dead-letters an item that cannot be delivered; the user's later items in this pass wait.</summary>
    public void DeadLetter(OutboxItem item, string reason, DeliveryPass pass)
    {
        _store.DeadLetter(item.Id, reason, _time.GetUtcNow().ToUnixTimeMilliseconds());
        _metrics.ItemsDeadLettered.Add(1, _tag);
        pass.Blocked.Add(item.Mpid);
        pass.Settled++;
    }

    /// <summary>Acknowledges an item with nothing to send to this output.</summary>
    public void Skip(OutboxItem item, DeliveryPass pass)
    {
        _store.Acknowledge([item.Id]);
        _metrics.ItemsSkipped.Add(1, _tag);
        pass.Settled++;
    }
}
