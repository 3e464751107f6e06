using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Tests.Processing.Support;

/// <summary>Builds parsed batches the way the Events API parser would leave them.</summary>
internal static class TestBatches
{
    public const long T0 = 1_700_000_000_000;

    public const long DayMs = 86_400_000;

    public static Batch For(string? customerId = null, string? email = null, string? idfv = null, long? mpid = null, long? atMs = null)
    {
        var batch = new Batch { Mpid = mpid, TimestampUnixtimeMs = atMs };
        if (customerId is not null || email is not null)
        {
            batch.UserIdentities = new UserIdentities { CustomerId = customerId, Email = email };
        }

        if (idfv is not null)
        {
            batch.DeviceInfo = new DeviceInfo { Platform = DevicePlatform.IOS, IosIdfv = idfv };
        }

        return batch;
    }

    public static Batch WithAttributes(this Batch batch, params (string Name, AttributeValue Value)[] attributes)
    {
        batch.UserAttributes = attributes.ToDictionary(a => a.Name, a => a.Value);
        return batch;
    }

    public static Batch WithEvents(this Batch batch, params BatchEvent[] events)
    {
        batch.Events = events;
        return batch;
    }

    public static AttributeValue Text(string value) => AttributeValue.FromString(value);

    public static BatchEvent Custom(string name, long? atMs = null, params (string Name, string Value)[] attributes) =>
        new(EventType.CustomEvent, new CustomEventData
        {
            EventName = name,
            CustomEventType = CustomEventType.Other,
            TimestampUnixtimeMs = atMs,
            CustomAttributes = attributes.ToDictionary(a => a.Name, a => AttributeValue.FromString(a.Value)),
        });

    public static BatchEvent Of(EventType type, EventData data, long? atMs = null)
    {
        data.TimestampUnixtimeMs = atMs;
        return new BatchEvent(type, data);
    }
}
