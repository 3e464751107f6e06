namespace Switchyard.Json;

/// <summary>One refused batch of a <see cref="BulkAnswer"/>: its index in the request's array and its errors.</summary>
internal sealed record RefusedBatch(int Index, IReadOnlyList<ErrorItem> Errors);
