namespace Switchyard.Core.Ingest;

/// <summary>Why a request was refused: the HTTP status (400 or 413) and the errors to return.</summary>
public sealed record IngestFailure(int StatusCode, IReadOnlyList<IngestError> Errors);
