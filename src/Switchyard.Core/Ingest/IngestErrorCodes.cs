namespace Switchyard.Core.Ingest;

/// <summary>
/// The <c>code</c> values of the Events API error body <c>{"errors":[{"code":…,"message":…}]}</c>
/// (reference/mparticle.md §1.1 documents only <c>BAD_REQUEST</c>; the others are ours and more precise).
/// </summary>
public static class IngestErrorCodes
{
    /// <summary>The body is not well-formed JSON (or not UTF-8), or has the wrong top-level shape.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>A field has the wrong JSON type or a value that cannot be represented (e.g. out of int64 range).</summary>
    public const string InvalidField = "INVALID_FIELD";

    /// <summary>An enum-like string field holds a value that is not in the list of reference/mparticle.md §1.</summary>
    public const string InvalidValue = "INVALID_VALUE";

    /// <summary>A required field is missing (or empty, or mutually exclusive fields conflict).</summary>
    public const string MissingField = "MISSING_FIELD";

    /// <summary>An event's <c>event_type</c> is not one of reference/mparticle.md §1.3.</summary>
    public const string UnknownEventType = "UNKNOWN_EVENT_TYPE";

    /// <summary>A field limit of reference/mparticle.md §1.1 is exceeded.</summary>
    public const string FieldLimit = "FIELD_LIMIT";

    /// <summary>A batch is larger than the batch size limit (HTTP 413).</summary>
    public const string BatchTooLarge = "BATCH_TOO_LARGE";

    /// <summary>A bulk request holds more batches than allowed.</summary>
    public const string TooManyBatches = "TOO_MANY_BATCHES";

    /// <summary>A Braze Currents request (<c>POST /v2/currents</c>) holds more events than allowed.</summary>
    public const string TooManyEvents = "TOO_MANY_EVENTS";

    /// <summary>A batch sent to the historical endpoint breaks its rules (reference/mparticle.md §1.1).</summary>
    public const string HistoricalRejected = "HISTORICAL_REJECTED";
}
