using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
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
    private readonly OutputHealth _health;
    private readonly ILogger _logger;

    /// <summary>What Braze acknowledged that the store could not record yet, oldest first; recorded before anything else is sent.</summary>
    private readonly List<AcknowledgedLedger> _unrecorded = [];

    public DeliveryCycle(
        string outputId,
        BrazeConnection connection,
        IDeliveryStore store,
        BrazeTrackClient client,
        BrazeRateGates gates,
        TimeProvider time,
        BrazeDeliveryOptions options,
        BrazeDeliveryMetrics metrics,
        ILogger? logger = null)
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
        _logger = logger ?? NullLogger.Instance;
        _health = new OutputHealth(outputId, _logger, time, options);
        metrics.Track(this);
    }

    public string OutputId => _outputId;

    public IDeliveryStore Store => _store;

    public BrazeDeliveryMetrics Metrics => _metrics;

    /// <summary>The <c>output</c> tag every measurement of this output carries.</summary>
    public KeyValuePair<string, object?> Tag => _tag;

    public TimeProvider Time => _time;

    /// <summary>Whether delivery is paused because the store failed (the <c>switchyard.delivery.store_failing</c> gauge).</summary>
    public bool StoreFailing => _health.StoreFailing;

    /// <summary>Requests Braze acknowledged whose ledgers are not recorded yet (the <c>switchyard.delivery.unrecorded_requests</c> gauge).</summary>
    public int UnrecordedRequests
    {
        get
        {
            lock (_unrecorded)
            {
                return _unrecorded.Count;
            }
        }
    }

    /// <summary>
    /// One claim → plan → send → record → settle cycle; returns how many items were settled (a rescheduled item counts,
    /// since it leaves the due set). Cancelled while sending, it stops before the next request, records what was
    /// answered and returns; cancelled while planning, it throws and nothing changes.
    /// </summary>
    /// <remarks>
    /// What Braze acknowledged is recorded right after each request (crash-safe ledgers: a crash re-sends at most the
    /// request in flight). When the store fails, the output stops: the acknowledgement stays in memory, nothing is
    /// settled or sent, and the next pass (after an exponential backoff) records it before it claims anything, so
    /// nothing Braze acknowledged is sent again because recording failed.
    /// </remarks>
    public async Task<int> RunOnceAsync(IPassPlanner planner, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_health.StoreRetryAt is { } retryAt && now < retryAt)
        {
            return 0;
        }

        var pass = new DeliveryPass();
        try
        {
            if (!RecordUnrecorded())
            {
                return 0;
            }

            var items = _store.ClaimDue(_outputId, now.ToUnixTimeMilliseconds(), _options.ClaimLimit);
            if (items.Count == 0)
            {
                _health.StoreWorked();
                return 0;
            }

            var plan = await planner.PlanAsync(items, now, pass, cancellationToken).ConfigureAwait(false);
            var (partOutcomes, recorded) = await SendAsync(plan.Parts, cancellationToken).ConfigureAwait(false);
            if (!recorded)
            {
                // The store refused what Braze acknowledged: settle nothing; the items are claimed again once the
                // acknowledgement is recorded, and planning then leaves out what Braze has.
                return pass.Settled;
            }

            Settle(plan.Prepared, plan.Parts, partOutcomes, pass);
            _health.StoreWorked();
            return pass.Settled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Claiming, planning or settling failed (the store, most likely): nothing half-settled is lost, as every
            // store call is its own transaction and an item not settled is simply claimed again, after a backoff.
            _health.StoreFailed(e);
            return pass.Settled;
        }
    }

    /// <summary>Dead-letters an item that cannot be delivered; the user's later items in this pass wait.</summary>
    /// <param name="logged">The caller logged this item already (with its exception): no second line for it.</param>
    public void DeadLetter(OutboxItem item, string reason, DeliveryPass pass, bool logged = false)
    {
        pass.Blocked.Add(item.Mpid);
        pass.Settled++;
        try
        {
            _store.DeadLetter(item.Id, reason, _time.GetUtcNow().ToUnixTimeMilliseconds(), pass.Batches.GetValueOrDefault(item.Id));
        }
        catch (InvalidOperationException gone)
        {
            // Settled by someone else meanwhile (an admin action, a replaced engine): nothing left to do for this item.
            Log.ItemGone(_logger, _outputId, item.Id, gone.Message);
            return;
        }

        _metrics.ItemsDeadLettered.Add(1, _tag);
        if (!logged)
        {
            _health.DeadLettered(item.Id, item.Mpid, reason);
        }
    }

    /// <summary>Acknowledges an item with nothing to send to this output.</summary>
    public void Skip(OutboxItem item, DeliveryPass pass)
    {
        _store.Acknowledge([item.Id]);
        _metrics.ItemsSkipped.Add(1, _tag);
        pass.Settled++;
    }
}
