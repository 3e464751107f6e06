using System.Globalization;
using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>The working state of one <see cref="BrazeUserMapper.Map"/> call: what has been mapped so far and the warnings.</summary>
internal sealed class MappingRun
{
    private const string Attributes = "attributes";
    private const string TimestampField = "timestamp_unixtime_ms";

    /// <summary>Events whose clamped time was already counted: several rules read the same event's time.</summary>
    private HashSet<EventData>? _clampedEvents;

    public MappingRun(Batch batch, BrazeOutputSettings settings, DateTimeOffset now)
    {
        Batch = batch;
        Settings = settings;
        Now = now;
        BatchTime = BatchTimeOf(batch);
    }

    public Batch Batch { get; }

    public BrazeOutputSettings Settings { get; }

    public DateTimeOffset Now { get; }

    /// <summary>When batch-level state was written: the batch timestamp, else the newest event's, else now.</summary>
    public DateTimeOffset BatchTime { get; }

    public PropertyBag AttributeBag { get; } = new();

    public List<BrazeEvent> Events { get; } = [];

    public List<BrazePurchase> Purchases { get; } = [];

    public List<BrazeMappingWarning> Warnings { get; } = [];

    public bool DetectUserTypes => Settings.CustomAttributeTypeDetection is CustomAttributeTypeDetection.UserAttributes or CustomAttributeTypeDetection.Both;

    public bool DetectEventTypes => Settings.CustomAttributeTypeDetection is CustomAttributeTypeDetection.EventAttributes or CustomAttributeTypeDetection.Both;

    public void Warn(BrazeWarningKind kind, string where, string name) =>
        Warnings.Add(new BrazeMappingWarning(kind, where, BrazeLimits.ForWarning(name)));

    public void WarnAttribute(BrazeWarningKind kind, string name) => Warn(kind, Attributes, name);

    /// <summary>
    /// An event's time: its own timestamp, else the batch's (reference/mparticle.md §1.3 defaults it to server time).
    /// A time out of range is clamped (<see cref="BrazeTimeRange"/>) and counted once per event, named by its index.
    /// </summary>
    public DateTimeOffset TimeOf(EventData data)
    {
        if (data.TimestampUnixtimeMs is not { } ms)
        {
            return BatchTime;
        }

        if (!BrazeTimeRange.TryGet(ms, Now, out var time) && (_clampedEvents ??= []).Add(data))
        {
            Warn(BrazeWarningKind.OutOfRange, string.Create(CultureInfo.InvariantCulture, $"events[{IndexOf(data)}]"), TimestampField);
        }

        return time;
    }

    /// <summary>An event name within 255 characters, or null for an empty one.</summary>
    public string? EventName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (BrazeLimits.TooLong(name))
        {
            Warn(BrazeWarningKind.NameTruncated, "events", name);
            return BrazeLimits.Cut(name);
        }

        return name;
    }

    /// <summary>
    /// The batch's own timestamp (a clamped one counted as <c>batch</c>), else its newest event's (clamped without a
    /// warning here: that event's own is counted when it is mapped), else now.
    /// </summary>
    private DateTimeOffset BatchTimeOf(Batch batch)
    {
        if (batch.TimestampUnixtimeMs is { } batchMs)
        {
            if (!BrazeTimeRange.TryGet(batchMs, Now, out var batchTime))
            {
                Warn(BrazeWarningKind.OutOfRange, "batch", TimestampField);
            }

            return batchTime;
        }

        long? newest = null;
        foreach (var e in batch.Events)
        {
            if (e.Data.TimestampUnixtimeMs is { } at && (newest is null || at > newest))
            {
                newest = at;
            }
        }

        if (newest is not { } ms)
        {
            return Now;
        }

        _ = BrazeTimeRange.TryGet(ms, Now, out var time);
        return time;
    }

    private int IndexOf(EventData data)
    {
        var events = Batch.Events;
        for (var i = 0; i < events.Count; i++)
        {
            if (ReferenceEquals(events[i].Data, data))
            {
                return i;
            }
        }

        return -1;
    }
}
