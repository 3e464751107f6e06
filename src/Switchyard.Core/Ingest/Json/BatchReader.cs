using System.Text.Json;
using Switchyard.Core.Ingest.Model;
using Switchyard.Core.Ingest.Validation;

namespace Switchyard.Core.Ingest.Json;

/// <summary>Deserializes one batch's bytes, turning any failure into an error that names the JSON path.</summary>
internal static class BatchReader
{
    /// <summary>Reader settings shared by the bulk walk and the syntax check, matching the serializer's.</summary>
    public static JsonReaderOptions ReaderOptions(int extraDepth) => new()
    {
        MaxDepth = IngestJsonLimits.MaxDepth + extraDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <param name="json">Exactly one batch.</param>
    /// <param name="prefix">The batch's path in error messages.</param>
    /// <param name="syntaxChecked">True when the caller already walked these bytes, so any failure is about types, not syntax.</param>
    /// <param name="errors">Where a failure is reported.</param>
    public static Batch? Read(ReadOnlySpan<byte> json, string prefix, bool syntaxChecked, IngestErrorCollector errors)
    {
        try
        {
            var batch = JsonSerializer.Deserialize(json, IngestJsonContext.Default.Batch);
            if (batch is null)
            {
                errors.Add(IngestErrorCodes.InvalidField, prefix, "a batch must be a JSON object, not null");
            }

            return batch;
        }
        catch (JsonException ex)
        {
            if (!syntaxChecked && FindSyntaxError(json) is { } syntaxError)
            {
                errors.Add(IngestErrorCodes.BadRequest, prefix, syntaxError);
            }
            else if (ex.Path is not (null or "$") && ReadEventsApart(json, prefix, errors))
            {
                // Each event's first error, and the first error outside the events, are now listed.
            }
            else if (ex is IngestJsonException ingest)
            {
                errors.Add(ingest.Code, JsonPathText.Rebase(prefix, ex.Path) + ingest.InnerPath, ex.Message);
            }
            else if (ex.Path is null or "$")
            {
                errors.Add(IngestErrorCodes.InvalidField, prefix, "a batch must be a JSON object");
            }
            else
            {
                errors.Add(IngestErrorCodes.InvalidField, JsonPathText.Rebase(prefix, ex.Path), JsonErrorText.Describe(ex));
            }

            return null;
        }
    }

    /// <summary>
    /// The serializer stops at a batch's first type error, so a client fixing a batch would see one error per round.
    /// This reads each event on its own, and the batch without its events, to report the first error of each part.
    /// False (nothing added) when the batch is not an object with an array of events, or no part fails on its own.
    /// </summary>
    private static bool ReadEventsApart(ReadOnlySpan<byte> json, string prefix, IngestErrorCollector errors)
    {
        var parts = new List<(byte[] Json, string? To)>();
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = IngestJsonLimits.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            parts.Add((WithEvents(document.RootElement, null), null));
            int index = 0;
            foreach (var element in events.EnumerateArray())
            {
                parts.Add((WithEvents(default, element), $"$.events[{index++}]"));
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // Parts that cannot even be cut apart: the serializer's one error stands.
            return false;
        }

        int before = errors.Count;
        foreach (var (part, to) in parts)
        {
            if (errors.IsBatchFull)
            {
                break;
            }

            ReadPart(part, prefix, "$.events[0]", to, errors);
        }

        return errors.Count > before;
    }

    /// <summary>Deserializes one part; on failure adds its error, its path moved from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static void ReadPart(byte[] part, string prefix, string from, string? to, IngestErrorCollector errors)
    {
        try
        {
            JsonSerializer.Deserialize(part, IngestJsonContext.Default.Batch);
        }
        catch (JsonException ex)
        {
            string? path = to is not null && ex.Path?.StartsWith(from, StringComparison.Ordinal) == true
                ? string.Concat(to, ex.Path.AsSpan(from.Length))
                : ex.Path;
            if (ex is IngestJsonException ingest)
            {
                errors.Add(ingest.Code, JsonPathText.Rebase(prefix, path) + ingest.InnerPath, ex.Message);
            }
            else
            {
                errors.Add(IngestErrorCodes.InvalidField, JsonPathText.Rebase(prefix, path), JsonErrorText.Describe(ex));
            }
        }
    }

    /// <summary>The batch's other properties with <c>"events":[]</c>, or a batch of just <paramref name="oneEvent"/>.</summary>
    private static byte[] WithEvents(JsonElement batch, JsonElement? oneEvent)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            writer.WriteStartObject();
            if (oneEvent is { } single)
            {
                writer.WriteStartArray("events");
                single.WriteTo(writer);
                writer.WriteEndArray();
            }
            else
            {
                foreach (var property in batch.EnumerateObject())
                {
                    if (property.NameEquals("events"))
                    {
                        writer.WriteStartArray("events");
                        writer.WriteEndArray();
                    }
                    else
                    {
                        property.WriteTo(writer);
                    }
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Walks the bytes with a plain reader; returns the syntax error, or null when the JSON is well-formed.</summary>
    public static string? FindSyntaxError(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, ReaderOptions(extraDepth: 0));
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException ex)
        {
            return "malformed JSON: " + ex.Message;
        }
    }
}
