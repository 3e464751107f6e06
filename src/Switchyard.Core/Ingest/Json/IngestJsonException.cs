using System.Text.Json;

namespace Switchyard.Core.Ingest.Json;

/// <summary>
/// A deserialization failure that already knows its Events API error code. It derives from
/// <see cref="JsonException"/> so that System.Text.Json fills in <see cref="JsonException.Path"/>
/// on the way out, which is how the error ends up naming the offending field.
/// </summary>
internal sealed class IngestJsonException : JsonException
{
    public IngestJsonException(string code, string message, string? innerPath = null)
        : base(message)
    {
        Code = code;
        InnerPath = innerPath;
    }

    /// <summary>The error code reported to the client (see <see cref="IngestErrorCodes"/>).</summary>
    public string Code { get; }

    /// <summary>
    /// The path below the point where the serializer caught this exception, without the leading <c>$</c>
    /// (e.g. <c>.data.event_name</c>). Set when a nested deserialization (an event's <c>data</c>) failed,
    /// because the nested call does not know the outer path.
    /// </summary>
    public string? InnerPath { get; }
}
