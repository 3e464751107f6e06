using System.Text.Json;
using Switchyard.Core.Ingest.Validation;

namespace Switchyard.Core.Ingest.Currents;

/// <summary>The checks on one Currents event; each error names <c>events[i].field</c>.</summary>
public static partial class CurrentsParser
{
    /// <summary>
    /// A <c>time</c> at or above this is taken as milliseconds: as seconds it would be after the year 5000, while as
    /// milliseconds it is any date after March 1973. Braze documents seconds (reference/braze.md §6).
    /// </summary>
    public const double MillisecondsThreshold = 1e11;

    /// <summary>9999-12-31T23:59:59.999Z, the last instant <see cref="DateTimeOffset"/> can hold.</summary>
    private const long MaxUnixTimeMs = 253_402_300_799_999;

    private static readonly string[] UserFields = ["user_id", "external_user_id", "device_id", "timezone"];

    private static CurrentsEvent? ReadEvent(JsonElement element, int index, IngestErrorCollector errors)
    {
        string path = $"events[{index}]";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(IngestErrorCodes.InvalidField, path, "an event must be a JSON object");
            return null;
        }

        int before = errors.Count;
        var eventType = RequiredString(element, "event_type", path, errors);
        var id = RequiredString(element, "id", path, errors);
        var time = ReadTime(element, path, errors);
        var user = ReadUser(element, path, errors);
        JsonElement? properties = null;
        if (element.TryGetProperty("properties", out var props) && props.ValueKind != JsonValueKind.Null)
        {
            if (props.ValueKind == JsonValueKind.Object)
            {
                properties = props;
            }
            else
            {
                errors.Add(IngestErrorCodes.InvalidField, path + ".properties", "must be an object");
            }
        }

        if (errors.Count != before || eventType is null || id is null || time is null || user is null)
        {
            return null;
        }

        return new CurrentsEvent(index, eventType, id, time.Value, user[0], user[1], user[2], user[3], properties);
    }

    private static string? RequiredString(JsonElement element, string name, string path, IngestErrorCollector errors)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(IngestErrorCodes.MissingField, $"{path}.{name}", "required, a non-empty string");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(IngestErrorCodes.InvalidField, $"{path}.{name}", "must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(IngestErrorCodes.MissingField, $"{path}.{name}", "must not be empty");
            return null;
        }

        return text;
    }

    private static long? ReadTime(JsonElement element, string path, IngestErrorCollector errors)
    {
        if (!element.TryGetProperty("time", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(IngestErrorCodes.MissingField, path + ".time", "required, epoch seconds");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(IngestErrorCodes.InvalidField, path + ".time", "must be a number (epoch seconds)");
            return null;
        }

        if (!value.TryGetDouble(out var number) || !double.IsFinite(number) || number < 0)
        {
            errors.Add(IngestErrorCodes.InvalidField, path + ".time", "must be a non-negative number of epoch seconds");
            return null;
        }

        // Seconds with a fraction round to the nearest millisecond, so 0.1 s is 100 ms despite binary floating point.
        var ms = number >= MillisecondsThreshold ? Math.Floor(number) : Math.Round(number * 1000, MidpointRounding.AwayFromZero);
        if (ms > MaxUnixTimeMs)
        {
            errors.Add(IngestErrorCodes.InvalidField, path + ".time", "is after the year 9999");
            return null;
        }

        return (long)ms;
    }

    /// <summary>The user's <c>user_id</c>, <c>external_user_id</c>, <c>device_id</c> and <c>timezone</c>; empty strings count as absent.</summary>
    private static string?[]? ReadUser(JsonElement element, string path, IngestErrorCollector errors)
    {
        if (!element.TryGetProperty("user", out var user) || user.ValueKind == JsonValueKind.Null)
        {
            errors.Add(IngestErrorCodes.MissingField, path + ".user", "required, an object");
            return null;
        }

        if (user.ValueKind != JsonValueKind.Object)
        {
            errors.Add(IngestErrorCodes.InvalidField, path + ".user", "must be an object");
            return null;
        }

        var values = new string?[UserFields.Length];
        bool ok = true;
        for (int i = 0; i < UserFields.Length; i++)
        {
            if (!user.TryGetProperty(UserFields[i], out var value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            // Braze's Avro-JSON wraps optional fields as {"string": "..."} (reference/braze.md §6).
            if (value.ValueKind == JsonValueKind.Object && CurrentsBatchWriter.Unwrap(value) is { ValueKind: JsonValueKind.String or JsonValueKind.Null } unwrapped)
            {
                value = unwrapped;
                if (value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                errors.Add(IngestErrorCodes.InvalidField, $"{path}.user.{UserFields[i]}", "must be a string");
                ok = false;
                continue;
            }

            var text = value.GetString()!;
            values[i] = text.Length == 0 ? null : text;
        }

        return ok ? values : null;
    }
}
