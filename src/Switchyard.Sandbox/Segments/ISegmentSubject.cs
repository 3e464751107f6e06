using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Segments;

/// <summary>
/// What a segment filter can see of one sandbox user: its identifiers, and the value of a profile field
/// (by its Braze name: <c>first_name</c>, <c>email</c>, <c>dob</c>, <c>country</c>, ...) or of a custom attribute.
/// Times are ISO-8601 UTC strings; arrays are <see cref="JsonArray"/>; a missing field is <c>null</c>.
/// </summary>
public interface ISegmentSubject
{
    string BrazeId { get; }

    string? ExternalId { get; }

    JsonNode? GetAttribute(string name);
}
