using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchyard.Braze.Audiences;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Mapping;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Profiles;

namespace Switchyard.Braze.Engine;

/// <summary>
/// The delivery engine of one Braze audience output (docs/audience-sync.md): one <see cref="RunOnceAsync"/> claims due
/// items (<see cref="BrazeAudiencePayload"/>), coalesces each user's items into one attributes object planned from the
/// current profile, the output's links and the last-sent ledger, and sends, records and settles it exactly as the event
/// engine does (<see cref="DeliveryEngine"/>): same rate gate per REST key, backoff, dead letters and metrics.
/// </summary>
public sealed class BrazeAudienceDelivery : IPassPlanner
{
    private static readonly BrazeUserUpdate Nothing = new(null, [], [], [], [], []);

    private readonly BrazeAudienceSettings _settings;
    private readonly IProfileStore _profiles;
    private readonly Func<CancellationToken, Task<IReadOnlyList<AudienceLink>>> _links;
    private readonly TrackSender _sender;
    private readonly Lazy<DeliveryEngine> _engine;
    private readonly ILogger _logger;

    /// <param name="links">The audiences connected to this output, read afresh at the start of each pass.</param>
    /// <param name="logger">Where a user whose plan fails is logged (once, with the exception) as its items are dead-lettered.</param>
    public BrazeAudienceDelivery(
        string outputId,
        BrazeAudienceSettings settings,
        IDeliveryStore store,
        IProfileStore profiles,
        Func<CancellationToken, Task<IReadOnlyList<AudienceLink>>> links,
        BrazeTrackClient client,
        BrazeRateGates gates,
        TimeProvider time,
        DeliveryOptions options,
        BrazeDeliveryMetrics metrics,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(links);
        _sender = new TrackSender(outputId, settings.Connection, store, client, gates, time, options, metrics, this);
        // Built on first use: the host runs the sender in an engine of its own (Sender), tests and tools call RunOnceAsync.
        _engine = new Lazy<DeliveryEngine>(() => new DeliveryEngine(outputId, _sender, store, time, options, metrics.Delivery, logger));
        _settings = settings;
        _profiles = profiles;
        _links = links;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The output this engine delivers for.</summary>
    public string OutputId => _sender.OutputId;

    /// <summary>
    /// One claim → plan → send → record → settle cycle; returns how many items were settled (a rescheduled item counts,
    /// since it leaves the due set). Zero means there was nothing due. Cancelled while sending, it stops before the next
    /// request and still records and acknowledges what Braze answered.
    /// </summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => _engine.Value.RunOnceAsync(cancellationToken);

    /// <summary>This output's sender, for a <see cref="DeliveryEngine"/> the host runs (<see cref="Outputs.BrazeOutputType"/>).</summary>
    internal IOutputSender Sender => _sender;

    async Task<PassPlan> IPassPlanner.PlanAsync(IReadOnlyList<OutboxItem> items, DateTimeOffset now, DeliveryPass pass, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var links = await _links(cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException("The audience links function returned null.");
        var users = await ReadableAsync(items, pass, cancellationToken).ConfigureAwait(false);
        var ledgers = await _sender.Store.LastSentAsync(_sender.OutputId, users.Keys.ToArray(), LedgerAge.FreshSinceMs(_settings.LedgerMaxAge, now), cancellationToken).ConfigureAwait(false);
        var prepared = new List<PreparedItem>();
        var parts = new List<DeliveryPart>();
        var metrics = _sender.Metrics;
        var tag = _sender.Tag;
        foreach (var (mpid, userItems) in users)
        {
            var profile = await _profiles.FindProfileAsync(mpid, cancellationToken).ConfigureAwait(false);
            if (profile is null)
            {
                foreach (var (item, _) in userItems)
                {
                    await TrackSender.DeadLetterAsync(item, $"profile {mpid.ToString(CultureInfo.InvariantCulture)} not found", pass, cancellationToken).ConfigureAwait(false);
                }

                // A profile merged away never comes back (its MPID is retired) and nothing can be sent for it again. Its
                // ledger would make every later sync or clean-up job queue it, and dead-letter it, once more.
                if (ledgers[mpid].Fields.Count > 0)
                {
                    await _sender.Store.RecordLedgersAsync(
                        _sender.OutputId,
                        new Dictionary<long, IReadOnlyDictionary<string, string?>> { [mpid] = ledgers[mpid].Fields.Keys.ToDictionary(f => f, string? (_) => null, StringComparer.Ordinal) },
                        [],
                        now.ToUnixTimeMilliseconds(),
                        cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            // Planning is pure: whatever goes wrong in it belongs to this user alone (design.md, Reliability targets).
            AudiencePlan plan;
            BrazeUserUpdate? update;
            try
            {
                var cleanup = new HashSet<int>(userItems.SelectMany(u => u.Payload.Cleanup ?? []));
                plan = AudiencePlanner.Plan(_settings, profile, links, ledgers[mpid].Fields, cleanup, ledgers[mpid].Stale);
                update = plan.Skipped is null && plan.HasChanges ? plan.ToUpdate() : null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                foreach (var (item, _) in userItems)
                {
                    await TrackSender.DeadLetterAsync(item, $"mapping failed: {e.GetType().Name}: {e.Message}", pass, cancellationToken, logged: true).ConfigureAwait(false);
                }

                Log.AudiencePlanFailed(_logger, _sender.OutputId, mpid, userItems.Count, e);
                continue;
            }

            if (plan.Skipped is { } reason)
            {
                foreach (var (item, _) in userItems)
                {
                    await TrackSender.SkipAsync(item, pass, cancellationToken).ConfigureAwait(false);
                }

                metrics.AudienceUsersSkipped.Add(1, tag, new KeyValuePair<string, object?>("reason", ReasonTag(reason)));
                continue;
            }

            // Counted when the string is sent, so a user whose string is unchanged does not count again on every pass.
            if (plan.TruncatedIds > 0 && plan.Fields.ContainsKey(AudienceLedger.MembershipString))
            {
                metrics.AudienceIdsTruncated.Add(plan.TruncatedIds, tag);
            }

            var ready = userItems.Select(u => new PreparedItem(u.Item, Nothing, [], [])).ToArray();
            prepared.AddRange(ready);
            if (update is not null)
            {
                parts.Add(new DeliveryPart(mpid, ready, update, plan.Fields, [], []));
            }
            else
            {
                // Braze already has it all: the items are acknowledged as delivered without a request.
                metrics.AudienceUsersUnchanged.Add(1, tag);
            }
        }

        return new PassPlan(prepared, parts);
    }

    /// <summary>The claimed items by user, in claim order; unreadable payloads are dead-lettered (and hold the user's later items back).</summary>
    private static async Task<Dictionary<long, List<(OutboxItem Item, BrazeAudiencePayload Payload)>>> ReadableAsync(IReadOnlyList<OutboxItem> items, DeliveryPass pass, CancellationToken cancellationToken)
    {
        var users = new Dictionary<long, List<(OutboxItem, BrazeAudiencePayload)>>();
        foreach (var item in items)
        {
            if (pass.Blocked.Contains(item.Mpid))
            {
                continue;
            }

            if (!BrazeAudiencePayload.TryRead(item.Payload, out var payload))
            {
                await TrackSender.DeadLetterAsync(item, "unreadable outbox payload (expected {\"sync\":true} or {\"cleanup\":[ids]})", pass, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!users.TryGetValue(item.Mpid, out var list))
            {
                users[item.Mpid] = list = [];
            }

            list.Add((item, payload));
        }

        return users;
    }

    private static string ReasonTag(AudienceSkipReason reason) => reason switch
    {
        AudienceSkipReason.NoExternalId => "no_external_id",
        _ => reason.ToString(),
    };
}
