using System.Text.Json.Nodes;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Tests.Support;

/// <summary>A sandbox user for segment tests: identifiers plus a bag of attribute values.</summary>
internal sealed class TestSubject(string brazeId, string? externalId, IReadOnlyDictionary<string, JsonNode?> attributes) : ISegmentSubject
{
    public string BrazeId { get; } = brazeId;

    public string? ExternalId { get; } = externalId;

    public JsonNode? GetAttribute(string name) => attributes.GetValueOrDefault(name)?.DeepClone();

    /// <summary>A user whose attribute <c>a</c> holds the given JSON, or has no <c>a</c> when it is null.</summary>
    public static TestSubject WithA(string? valueJson) =>
        new("b1", "e1", valueJson is null
            ? new Dictionary<string, JsonNode?>()
            : new Dictionary<string, JsonNode?> { ["a"] = JsonNode.Parse(valueJson) });
}
