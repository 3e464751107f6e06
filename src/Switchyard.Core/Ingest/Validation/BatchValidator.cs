using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Model;

namespace Switchyard.Core.Ingest.Validation;

/// <summary>
/// The checks the type system cannot make: required fields, field limits (reference/mparticle.md §1.1),
/// and the historical endpoint's rules. It reports every problem it finds in a batch (up to the collector's cap)
/// rather than stopping at the first, so a client can fix them all at once. Paths are built only on failure.
/// </summary>
internal sealed partial class BatchValidator(IngestParseOptions options, IngestErrorCollector errors)
{
    private readonly long _historicalCutoffMs = (options.Now - IngestFieldLimits.HistoricalMinimumAge).ToUnixTimeMilliseconds();

    /// <summary>Validates one batch; <paramref name="prefix"/> is its path (<c>batch</c> or <c>batches[i]</c>).</summary>
    public void Validate(Batch batch, string prefix)
    {
        ValidateUserAttributes(batch.UserAttributes, prefix);
        ValidateObjectMaps(batch, prefix);
        for (int i = 0; i < batch.DeletedUserAttributes.Count; i++)
        {
            if (batch.DeletedUserAttributes[i] is null)
            {
                errors.Add(IngestErrorCodes.InvalidField, $"{prefix}.deleted_user_attributes[{i}]", "must be a string");
            }
        }

        if (options.Historical && batch.Events.Count == 0)
        {
            errors.Add(IngestErrorCodes.HistoricalRejected, $"{prefix}.events", "a historical batch must contain events");
        }

        for (int i = 0; i < batch.Events.Count && !errors.IsBatchFull; i++)
        {
            if (batch.Events[i] is { } batchEvent)
            {
                ValidateEvent(batchEvent, prefix, i);
            }
            else
            {
                errors.Add(IngestErrorCodes.InvalidField, $"{prefix}.events[{i}]", "an event must be an object, not null");
            }
        }
    }

    private void ValidateUserAttributes(IReadOnlyDictionary<string, AttributeValue> attributes, string prefix)
    {
        if (attributes.Count > IngestFieldLimits.MaxUserAttributes)
        {
            errors.Add(IngestErrorCodes.FieldLimit, $"{prefix}.user_attributes", $"{attributes.Count} attributes, at most {IngestFieldLimits.MaxUserAttributes} allowed");
        }

        foreach (var (key, value) in attributes)
        {
            if (key.Length > IngestFieldLimits.MaxAttributeNameLength)
            {
                errors.Add(IngestErrorCodes.FieldLimit, $"{prefix}.user_attributes", $"attribute name '{JsonTokenText.Shorten(key)}' has {key.Length} characters, at most {IngestFieldLimits.MaxAttributeNameLength} allowed");
                continue;
            }

            if (value.Kind == AttributeValueKind.StringList)
            {
                ValidateUserAttributeList(value.List!, prefix, key);
            }
            else if (value.Text is { Length: > IngestFieldLimits.MaxAttributeValueLength } text)
            {
                errors.Add(IngestErrorCodes.FieldLimit, $"{prefix}.user_attributes{JsonPathText.Property(key)}", $"value has {text.Length} characters, at most {IngestFieldLimits.MaxAttributeValueLength} allowed");
            }
        }
    }

    private void ValidateUserAttributeList(IReadOnlyList<string> list, string prefix, string key)
    {
        if (list.Count > IngestFieldLimits.MaxUserAttributeListEntries)
        {
            errors.Add(IngestErrorCodes.FieldLimit, $"{prefix}.user_attributes{JsonPathText.Property(key)}", $"list has {list.Count} entries, at most {IngestFieldLimits.MaxUserAttributeListEntries} allowed");
        }

        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Length > IngestFieldLimits.MaxUserAttributeListEntryLength)
            {
                errors.Add(IngestErrorCodes.FieldLimit, $"{prefix}.user_attributes{JsonPathText.Property(key)}[{i}]", $"list entry has {list[i].Length} characters, at most {IngestFieldLimits.MaxUserAttributeListEntryLength} allowed");
                return;
            }
        }
    }
}
