using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Validation;

/// <summary>Per-event checks: required fields by event type (reference/mparticle.md §1.3) and attribute limits (§1.1).</summary>
internal sealed partial class BatchValidator
{
    private void ValidateEvent(BatchEvent batchEvent, string prefix, int index)
    {
        var data = batchEvent.Data;
        ValidateEventAttributes(data.CustomAttributes, prefix, index, ".data.custom_attributes");
        switch (data)
        {
            case CustomEventData custom:
                ValidateEventName(custom.EventName, required: true, prefix, index, ".data.event_name");
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
                ValidateEventName(screen.ScreenName, required: true, prefix, index, ".data.screen_name");
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

    private void ValidateEventName(string? name, bool required, string prefix, int index, string field)
    {
        if (string.IsNullOrEmpty(name))
        {
            if (required)
            {
                AddEventError(IngestErrorCodes.MissingField, prefix, index, field, "is required");
            }
        }
        else if (name.Length > IngestFieldLimits.MaxEventNameLength)
        {
            AddEventError(IngestErrorCodes.FieldLimit, prefix, index, field, $"has {name.Length} characters, at most {IngestFieldLimits.MaxEventNameLength} allowed");
        }
    }

    private void ValidateEventAttributes(IReadOnlyDictionary<string, AttributeValue> attributes, string prefix, int index, string field)
    {
        if (attributes.Count == 0)
        {
            return;
        }

        if (attributes.Count > IngestFieldLimits.MaxEventAttributes)
        {
            AddEventError(IngestErrorCodes.FieldLimit, prefix, index, field, $"{attributes.Count} attributes, at most {IngestFieldLimits.MaxEventAttributes} allowed");
        }

        foreach (var (key, value) in attributes)
        {
            if (key.Length > IngestFieldLimits.MaxAttributeNameLength)
            {
                AddEventError(IngestErrorCodes.FieldLimit, prefix, index, field, $"attribute name '{JsonTokenText.Shorten(key)}' has {key.Length} characters, at most {IngestFieldLimits.MaxAttributeNameLength} allowed");
            }
            else if (value.Text is { Length: > IngestFieldLimits.MaxAttributeValueLength } text)
            {
                AddEventError(IngestErrorCodes.FieldLimit, prefix, index, field + JsonPathText.Property(key), $"value has {text.Length} characters, at most {IngestFieldLimits.MaxAttributeValueLength} allowed");
            }
        }
    }

    private void AddEventError(string code, string prefix, int index, string field, string message) =>
        errors.Add(code, $"{prefix}.events[{index}]{field}", message);
}
