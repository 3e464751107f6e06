using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Switchyard.Sandbox.Wire;

/// <summary>Either the parsed body or the error response to send instead.</summary>
internal readonly record struct BodyReadResult(JsonObject? Body, IResult? Error)
{
    public static BodyReadResult Ok(JsonObject body) => new(body, null);

    public static BodyReadResult Fail(IResult error) => new(null, error);
}
