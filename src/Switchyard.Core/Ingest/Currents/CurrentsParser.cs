using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Switchyard.Core.Ingest.Json;
using Switchyard.Core.Ingest.Validation;

namespace Switchyard.Core.Ingest.Currents;

/// <summary>
/// Reads the body Braze's Custom HTTP Currents connector posts (reference/braze.md §6) and turns each event into the
/// mParticle batch Braze's mParticle export would have sent for it (reference/mparticle.md §5), validated by
/// <see cref="EventsApiParser"/> like any batch posted to <c>/v2/bulkevents</c>. It never throws for any body: every
/// problem is a 400 (or 413) naming <c>events[i].field</c>.
/// </summary>
public static partial class CurrentsParser
{
    public static CurrentsParseResult Parse(ReadOnlyMemory<byte> body, CurrentsParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Utf8.IsValid(body.Span))
        {
            return CurrentsParseResult.Fail(400, IngestErrorCodes.BadRequest, "the body is not valid UTF-8");
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = IngestJsonLimits.MaxDepth, AllowDuplicateProperties = false });
            return Read(document.RootElement, options);
        }
        catch (JsonException ex)
        {
            return CurrentsParseResult.Fail(400, IngestErrorCodes.BadRequest, "malformed JSON: " + JsonErrorText.Describe(ex));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException
            or DecoderFallbackException or InsufficientExecutionStackException)
        {
            // A lone surrogate escape ("\ud800") is well-formed JSON but no string; reading it throws.
            return CurrentsParseResult.Fail(400, IngestErrorCodes.BadRequest, "the body could not be read: " + ex.Message.TrimEnd('.'));
        }
    }

    private static CurrentsParseResult Read(JsonElement root, CurrentsParseOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return CurrentsParseResult.Fail(400, IngestErrorCodes.BadRequest, "the body must be a JSON object with an 'events' array");
        }

        if (!root.TryGetProperty("events", out var events))
        {
            return CurrentsParseResult.Fail(400, IngestErrorCodes.MissingField, "events: required, an array of Currents events");
        }

        if (events.ValueKind != JsonValueKind.Array)
        {
            return CurrentsParseResult.Fail(400, IngestErrorCodes.InvalidField, "events: must be an array of Currents events");
        }

        int count = events.GetArrayLength();
        if (count > options.MaxEvents)
        {
            return CurrentsParseResult.Fail(400, IngestErrorCodes.TooManyEvents, $"events: {count} events, at most {options.MaxEvents} allowed per request");
        }

        var errors = new IngestErrorCollector();
        var valid = new List<CurrentsEvent>(count);
        int index = 0;
        foreach (var element in events.EnumerateArray())
        {
            errors.BeginBatch();
            if (ReadEvent(element, index, errors) is { } parsed)
            {
                valid.Add(parsed);
            }

            index++;
        }

        if (errors.Count > 0)
        {
            return CurrentsParseResult.Fail(errors.ToFailure());
        }

        var batches = new List<ParsedBatch>(valid.Count);
        int skipped = 0;
        foreach (var currents in valid)
        {
            if (currents.ExternalUserId is null)
            {
                // Braze's mParticle export leaves out users without an external id (reference/mparticle.md §5).
                skipped++;
                continue;
            }

            var raw = CurrentsBatchWriter.Write(currents, options.Environment);
            var parsed = EventsApiParser.ParseBatch(raw, options.Ingest);
            if (parsed.Failure is { } failure)
            {
                errors.BeginBatch();
                foreach (var error in failure.Errors)
                {
                    errors.Add(error.Code, $"events[{currents.Index}]", "as an mParticle batch, " + error.Message);
                }

                continue;
            }

            batches.Add(parsed.Batches[0]);
        }

        return errors.Count > 0
            ? CurrentsParseResult.Fail(errors.ToFailure())
            : CurrentsParseResult.Success(batches, count, skipped);
    }
}
