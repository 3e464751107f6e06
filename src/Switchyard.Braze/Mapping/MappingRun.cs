using Switchyard.Braze.Settings;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Braze.Mapping;

/// <summary>The working state of one <see cref="BrazeUserMapper.Map"/> call: what has been mapped so far and the warnings.</summary>
internal sealed class MappingRun
{
    private const string Attributes = "attributes";

    public MappingRun(Batch batch, BrazeOutputSettings settings, DateTimeOffset now)
    {
        Batch = batch;
        Settings = settings;
        Now = now;
        BatchTime = BatchTimeOf(batch, now);
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

    /// <summary>An event's time: its own timestamp, else the batch's (reference/mparticle.md §1.3 defaults it to server time).</summary>
    public DateTimeOffset TimeOf(EventData data) =>
        data.TimestampUnixtimeMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : BatchTime;

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

    private static DateTimeOffset BatchTimeOf(Batch batch, DateTimeOffset now)
    {
        if (batch.TimestampUnixtimeMs is { } batchMs)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(batchMs);
        }

        long? newest = null;
        foreach (var e in batch.Events)
        {
            if (e.Data.TimestampUnixtimeMs is { } at && (newest is null || at > newest))
            {
                newest = at;
            }
        }

        return newest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : now;
    }
}
