using System.Text.Json;
using System.Text.Unicode;
using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Validation;

namespace Switchyard.Core.Ingest;

/// <summary>
/// The bulk endpoints: one pass over the array finds each batch's byte range, then each slice is parsed once. A batch
/// is judged on its own: the valid ones are returned with the refused ones, as mParticle accepts a bulk request whose
/// batches partly fail (https://docs.mparticle.com/developers/apis/http/); only a request-level error or a request
/// with no valid batch fails as a whole.
/// </summary>
public static partial class EventsApiParser
{
    /// <summary>Parses the body of <c>POST /v2/bulkevents</c> and <c>/v2/bulkevents/historical</c>: a JSON array of batches.</summary>
    public static IngestParseResult ParseBulk(ReadOnlyMemory<byte> body, IngestParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Utf8.IsValid(body.Span))
        {
            return IngestParseResult.Fail(400, IngestErrorCodes.BadRequest, "the body is not valid UTF-8");
        }

        try
        {
            return WalkBulk(body, options);
        }
        catch (JsonException ex)
        {
            // The walk's reader found the body malformed (batch-level errors are caught per batch).
            return IngestParseResult.Fail(400, IngestErrorCodes.BadRequest, "malformed JSON: " + ex.Message);
        }
        catch (Exception ex) when (IsInputFault(ex))
        {
            return Unreadable(ex);
        }
    }

    private static IngestParseResult WalkBulk(ReadOnlyMemory<byte> body, IngestParseOptions options)
    {
        // One extra level of depth for the enclosing array, so a batch may nest as deep here as on /v2/events.
        var reader = new Utf8JsonReader(body.Span, BatchReader.ReaderOptions(extraDepth: 1));
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return IngestParseResult.Fail(400, IngestErrorCodes.BadRequest, "the body of a bulk request must be a JSON array of batches");
        }

        var errors = new IngestErrorCollector();
        var validator = new BatchValidator(options, errors);
        var batches = new List<ParsedBatch>();
        var refused = new List<BatchRefusal>();
        int index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index >= options.MaxBatchesPerRequest)
            {
                return IngestParseResult.Fail(400, IngestErrorCodes.TooManyBatches, $"a bulk request may hold at most {options.MaxBatchesPerRequest} batches");
            }

            var token = reader.TokenType;
            int start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            int end = checked((int)reader.BytesConsumed);
            ReadElement(body[start..end], token, index, options, validator, errors, batches);
            if (errors.BatchErrors is { Count: > 0 } batchErrors)
            {
                refused.Add(new BatchRefusal(index, batchErrors));
            }

            index++;
        }

        if (index == 0)
        {
            return IngestParseResult.Fail(400, IngestErrorCodes.BadRequest, "a bulk request must hold at least one batch");
        }

        // Reading past the array makes the reader reject anything but trailing whitespace.
        reader.Read();
        return batches.Count == 0 ? IngestParseResult.Fail(errors.ToFailure()) : IngestParseResult.Partial(batches, refused);
    }

    private static void ReadElement(
        ReadOnlyMemory<byte> raw,
        JsonTokenType token,
        int index,
        IngestParseOptions options,
        BatchValidator validator,
        IngestErrorCollector errors,
        List<ParsedBatch> batches)
    {
        string prefix = BatchPrefix(index);
        errors.BeginBatch();
        if (token != JsonTokenType.StartObject)
        {
            errors.Add(IngestErrorCodes.InvalidField, prefix, "a batch must be a JSON object");
            return;
        }

        if (raw.Length > options.MaxBatchBytes)
        {
            errors.Add(IngestErrorCodes.BatchTooLarge, prefix, $"{raw.Length} bytes, at most {options.MaxBatchBytes} allowed");
            return;
        }

        int before = errors.Count;
        int truncatedBefore = errors.Truncations;
        var batch = BatchReader.Read(raw.Span, prefix, syntaxChecked: true, errors);
        if (batch is null)
        {
            return;
        }

        validator.Validate(batch, prefix);
        if (errors.Count == before)
        {
            batches.Add(new ParsedBatch(batch, raw) { Index = index, TruncatedNames = errors.Truncations - truncatedBefore });
        }
    }

    /// <summary>Cached for the usual batch counts so the success path builds no strings.</summary>
    private static string BatchPrefix(int index) =>
        index < BatchPrefixes.Length ? BatchPrefixes[index] : $"batches[{index}]";

    private static readonly string[] BatchPrefixes = Enumerable.Range(0, 100).Select(i => $"batches[{i}]").ToArray();
}
