using System.Text.Json;

namespace Switchyard.Cli.Send;

/// <summary>
/// Reads the batches of a file for <c>send --file</c>: one JSON batch, a JSON array of batches, or NDJSON (one batch per
/// line). Checks the shape the Events API needs before anything is sent (every batch an object; events, user identities
/// and user attributes of the right JSON kind) and names the line or index and field of the first problem; the service
/// judges the rest and its refusals are reported as they come.
/// </summary>
internal static class BatchFile
{
    public static IReadOnlyList<OutgoingBatch> Read(string path)
    {
        var text = File.ReadAllText(path);
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0)
        {
            throw new BatchFileException("the file is empty; it must hold a JSON batch, a JSON array of batches or one batch per line.");
        }

        if (trimmed[0] == '[')
        {
            using var document = ParseDocument(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new BatchFileException("the file must hold a JSON batch, a JSON array of batches or one batch per line.");
            }

            return [.. document.RootElement.EnumerateArray().Select((batch, i) => Checked(batch, $"[{i}]"))];
        }

        var lines = text.Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        return TryParseObject(lines[first]) ? ReadLines(lines) : ReadOne(text);
    }

    private static IReadOnlyList<OutgoingBatch> ReadOne(string text)
    {
        using var document = ParseDocument(text);
        return [Checked(document.RootElement, "the batch")];
    }

    private static List<OutgoingBatch> ReadLines(string[] lines)
    {
        var batches = new List<OutgoingBatch>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var origin = $"line {i + 1}";
            try
            {
                using var document = JsonDocument.Parse(lines[i]);
                batches.Add(Checked(document.RootElement, origin));
            }
            catch (JsonException e)
            {
                throw new BatchFileException($"{origin}, column {(e.BytePositionInLine ?? 0) + 1}: not a JSON batch: {Reason(e)}");
            }
        }

        return batches;
    }

    private static JsonDocument ParseDocument(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            // The reader counts lines and columns from zero; editors count from one.
            throw new BatchFileException($"line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {Reason(e)}");
        }
    }

    private static bool TryParseObject(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static OutgoingBatch Checked(JsonElement batch, string origin)
    {
        if (batch.ValueKind != JsonValueKind.Object)
        {
            throw new BatchFileException($"{origin}: must be a batch (a JSON object), not {Kind(batch.ValueKind)}.");
        }

        ExpectKind(batch, "user_identities", JsonValueKind.Object, origin);
        ExpectKind(batch, "user_attributes", JsonValueKind.Object, origin);
        var events = 0;
        if (ExpectKind(batch, "events", JsonValueKind.Array, origin) is { } list)
        {
            foreach (var item in list.EnumerateArray())
            {
                var at = $"events[{events}]";
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new BatchFileException($"{origin}: {at}: must be an event (a JSON object), not {Kind(item.ValueKind)}.");
                }

                if (!item.TryGetProperty("event_type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    throw new BatchFileException($"{origin}: {at}.event_type: is required (a string such as \"custom_event\").");
                }

                events++;
            }
        }

        return new OutgoingBatch(batch.GetRawText(), events, origin);
    }

    private static JsonElement? ExpectKind(JsonElement batch, string field, JsonValueKind kind, string origin)
    {
        if (!batch.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == kind ? value : throw new BatchFileException($"{origin}: {field}: must be {Kind(kind)}, not {Kind(value.ValueKind)}.");
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Reason(JsonException e) => (e.InnerException ?? e).Message.Split(" Path:")[0].Split(" LineNumber:")[0].TrimEnd();
}
