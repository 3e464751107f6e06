using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Validation;

/// <summary>Per-event checks: required fields by event type (reference/mparticle.md §1.3) and attribute limits (§1.1).</summary>
internal sealed partial class BatchValidator
{
    private void ValidateEvent(BatchEvent batchEvent, string prefix, int index)
    {
        var data = batchEvent.Data;
        data.CustomAttributes = ValidateEventAttributes(data.CustomAttributes, prefix, index, ".data.custom_attributes");
        switch (data)
        {
            case CustomEventData custom:
                custom.EventName = ValidateEventName(custom.EventName, required: true, prefix, index, ".data.event_name");
                if (custom.CustomEventType is not { } type)
                {
                    AddEventError(IngestErrorCodes.MissingField, prefix, index, ".data.custom_event_type", "is required");
                }
                else if (type >= CustomEventType.PromotionView)
                {
                    AddEventError(IngestErrorCodes.InvalidValue, prefix, index, ".data.custom_event_type", "this value is only allowed on commerce events");
                }

                break;
            case ScreenViewEventData screen:
                screen.ScreenName = ValidateEventName(screen.ScreenName, required: true, prefix, index, ".data.screen_name");
                break;
            case PushRegistrationEventData push:
                if (push.Register is null)
                {
                    AddEventError(IngestErrorCodes.MissingField, prefix, index, ".data.register", "is required");
                }

                if (string.IsNullOrEmpty(push.RegistrationToken))
                {
                    AddEventError(IngestErrorCodes.MissingField, prefix, index, ".data.registration_token", "is required");
                }

                break;
            case CommerceEventData commerce:
                ValidateCommerce(commerce, prefix, index);
                break;
        }

        if (options.Historical)
        {
            ValidateHistoricalTimestamp(data.TimestampUnixtimeMs, prefix, index);
        }
    }

    private void ValidateHistoricalTimestamp(long? timestamp, string prefix, int index)
    {
        if (timestamp is not { } ms)
        {
            AddEventError(IngestErrorCodes.HistoricalRejected, prefix, index, ".data.timestamp_unixtime_ms", "is required on the historical endpoint");
        }
        else if (ms > _historicalCutoffMs)
        {
            AddEventError(IngestErrorCodes.HistoricalRejected, prefix, index, ".data.timestamp_unixtime_ms", "must be at least 72 hours before the receive time on the historical endpoint");
        }
    }

    /// <summary>
    /// The name to keep: a name over 256 characters is truncated, as mParticle does for server-to-server data
    /// (https://docs.mparticle.com/guides/default-service-limits/), and counted.
    /// </summary>
    private string? ValidateEventName(string? name, bool required, string prefix, int index, string field)
    {
        if (string.IsNullOrEmpty(name))
        {
            if (required)
            {
                AddEventError(IngestErrorCodes.MissingField, prefix, index, field, "is required");
            }

            return name;
        }

        return Truncate(name, IngestFieldLimits.MaxEventNameLength);
    }

    /// <summary>
    /// The attributes to keep: names over 256 characters truncated as mParticle does for server-to-server data (the
    /// first attribute keeps a name two long names shorten to); the count and value limits are errors.
    /// </summary>
    private IReadOnlyDictionary<string, AttributeValue> ValidateEventAttributes(IReadOnlyDictionary<string, AttributeValue> attributes, string prefix, int index, string field)
    {
        if (attributes.Count == 0)
        {
            return attributes;
        }

        if (attributes.Count > IngestFieldLimits.MaxEventAttributes)
        {
            AddEventError(IngestErrorCodes.FieldLimit, prefix, index, field, $"{attributes.Count} attributes, at most {IngestFieldLimits.MaxEventAttributes} allowed");
        }

        bool longName = false;
        foreach (var (key, value) in attributes)
        {
            longName |= key.Length > IngestFieldLimits.MaxAttributeNameLength;
            if (value.Text is { Length: > IngestFieldLimits.MaxAttributeValueLength } text)
            {
                AddEventError(IngestErrorCodes.FieldLimit, prefix, index, field + JsonPathText.Property(key), $"value has {text.Length} characters, at most {IngestFieldLimits.MaxAttributeValueLength} allowed");
            }
        }

        if (!longName)
        {
            return attributes;
        }

        var kept = new Dictionary<string, AttributeValue>(attributes.Count, StringComparer.Ordinal);
        foreach (var (key, value) in attributes)
        {
            kept.TryAdd(Truncate(key, IngestFieldLimits.MaxAttributeNameLength), value);
        }

        return kept;
    }

    /// <summary>At most <paramref name="max"/> UTF-16 units, never ending in half a surrogate pair; counts each cut.</summary>
    private string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        errors.Truncated();
        int length = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..length];
    }

    private void AddEventError(string code, string prefix, int index, string field, string message) =>
        errors.Add(code, $"{prefix}.events[{index}]{field}", message);
}
