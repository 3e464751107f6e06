using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Validation;

namespace Switchyard.Core.Ingest;

/// <summary>
/// Parses and validates Events API v2 request bodies (reference/mparticle.md §1). It never throws for any body:
/// every problem becomes a 400 or 413 <see cref="IngestFailure"/>. On the bulk routes each batch is judged on its own (<see cref="IngestParseResult.Refused"/>).
/// </summary>
public static partial class EventsApiParser
{
    /// <summary>Parses the body of <c>POST /v2/events</c>: one batch object.</summary>
    public static IngestParseResult ParseBatch(ReadOnlyMemory<byte> body, IngestParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = "batch";
        if (body.Length > options.MaxBatchBytes)
        {
            return IngestParseResult.Fail(413, IngestErrorCodes.BatchTooLarge, $"{prefix}: {body.Length} bytes, at most {options.MaxBatchBytes} allowed");
        }

        if (!Utf8.IsValid(body.Span))
        {
            return IngestParseResult.Fail(400, IngestErrorCodes.BadRequest, "the body is not valid UTF-8");
        }

        try
        {
            var errors = new IngestErrorCollector();
            var batch = BatchReader.Read(body.Span, prefix, syntaxChecked: false, errors);
            if (batch is not null)
            {
                new BatchValidator(options, errors).Validate(batch, prefix);
            }

            return errors.Count > 0 || batch is null
                ? IngestParseResult.Fail(errors.ToFailure())
                : IngestParseResult.Success([new ParsedBatch(batch, body) { TruncatedNames = errors.Truncations }]);
        }
        catch (Exception ex) when (IsInputFault(ex))
        {
            return Unreadable(ex);
        }
    }

    /// <summary>
    /// The last line of defence behind "never throw for any input": failures the serializer can raise for odd
    /// input other than <see cref="JsonException"/> (which <see cref="BatchReader"/> handles with a path).
    /// </summary>
    private static bool IsInputFault(Exception ex) =>
        ex is JsonException or InvalidOperationException or NotSupportedException or FormatException
            or OverflowException or ArgumentException or DecoderFallbackException or InsufficientExecutionStackException;

    private static IngestParseResult Unreadable(Exception ex) =>
        IngestParseResult.Fail(400, IngestErrorCodes.BadRequest, "the body could not be read: " + (ex is JsonException json ? JsonErrorText.Describe(json) : ex.GetType().Name));
}
