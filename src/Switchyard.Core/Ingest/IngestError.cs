namespace Switchyard.Core.Ingest;

/// <summary>
/// One entry of the error body <c>{"errors":[{"code":…,"message":…}]}</c> (reference/mparticle.md §1.1).
/// The message starts with the JSON path it is about (e.g. <c>batches[2].events[0].data.event_name</c>).
/// </summary>
public sealed record IngestError(string Code, string Message);
