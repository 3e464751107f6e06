using System.Text.Json.Nodes;

namespace Switchyard.Sandbox.Wire;

/// <summary>A parsed body (<see cref="Problem"/> null; <see cref="Body"/> null for the JSON literal <c>null</c>) or why it was refused.</summary>
internal readonly record struct JsonBodyRead(JsonNode? Body, int Status, string? Problem)
{
    public static JsonBodyRead Refused(int status, string problem) => new(null, status, problem);
}
