using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The delivery engine of one Braze output (design.md, Deliver): one <see cref="RunOnceAsync"/> claims due outbox
/// items, maps each from its stored batch and the current profile, leaves out what Braze already has (attribute
/// deltas, delivered event ids), packs, sends through the key's rate gate and records the outcome per item. Retry
/// state lives in the store (conventions.md); the host calls <see cref="RunOnceAsync"/> in a loop, one caller at a time.
/// </summary>
public sealed partial class BrazeDelivery
{
    private readonly string _outputId;
    private readonly BrazeOutputSettings _settings;
    private readonly IDeliveryStore _store;
    private readonly IInboxStore _inbox;
    private readonly IProfileStore _profiles;
    private readonly BrazeTrackClient _client;
    private readonly BrazeRateGate _gate;
    private readonly TimeProvider _time;
    private readonly BrazeDeliveryOptions _options;
    private readonly BrazeDeliveryMetrics _metrics;
    private readonly KeyValuePair<string, object?> _tag;
    private readonly Random _random;

    public BrazeDelivery(
        string outputId,
        BrazeOutputSettings settings,
        IDeliveryStore store,
        IInboxStore inbox,
        IProfileStore profiles,
        BrazeTrackClient client,
        BrazeRateGates gates,
        TimeProvider time,
        BrazeDeliveryOptions options,
        BrazeDeliveryMetrics metrics)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputId);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(gates);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        options.Validate();
        _outputId = outputId;
        _settings = settings;
        _store = store;
        _inbox = inbox;
        _profiles = profiles;
        _client = client;
        _gate = gates.For(settings);
        _time = time;
        _options = options;
        _metrics = metrics;
        _tag = new KeyValuePair<string, object?>("output", outputId);
        // Jitter only spreads retries; it needs no unpredictability, and a fixed seed makes tests repeatable.
        _random = options.JitterSeed is { } seed ? new Random(seed) : Random.Shared;
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
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var items = _store.ClaimDue(_outputId, now.ToUnixTimeMilliseconds(), _options.ClaimLimit);
        if (items.Count == 0)
        {
            return 0;
        }

        var pass = new Pass();
        var batches = await ReadBatchesAsync(items, cancellationToken).ConfigureAwait(false);
        var prepared = new List<PreparedItem>(items.Count);
        foreach (var item in items)
        {
            if (pass.Blocked.Contains(item.Mpid))
            {
                continue;
            }

            var ready = Prepare(item, now, pass, batches);
            if (ready is not null)
            {
                prepared.Add(ready);
            }
        }

        prepared = WithoutDeliveredEvents(prepared);
        var parts = BuildParts(prepared);
        var (partOutcomes, sent) = await SendAsync(parts, cancellationToken).ConfigureAwait(false);
        RecordLedgers(parts, partOutcomes, sent);
        Settle(prepared, parts, partOutcomes, pass);
        return pass.Settled;
    }

    /// <summary>What one pass has done so far.</summary>
    private sealed class Pass
    {
        /// <summary>Users with an item that failed or stayed behind in this pass: their later items wait (per-user order).</summary>
        public HashSet<long> Blocked { get; } = [];

        /// <summary>
        /// Users with an item rescheduled or left queued in this pass: a later item of theirs that must be retried stays
        /// untouched behind it (not counted as an attempt); one behind a dead letter is rescheduled with backoff as usual.
        /// </summary>
        public HashSet<long> Waiting { get; } = [];

        /// <summary>Profiles read in this pass (null: not found), so a user with several items is read once.</summary>
        public Dictionary<long, Profile?> Profiles { get; } = [];

        public int Settled { get; set; }
    }
}
