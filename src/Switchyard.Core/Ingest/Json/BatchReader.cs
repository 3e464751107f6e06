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
