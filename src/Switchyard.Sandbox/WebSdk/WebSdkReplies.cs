using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// What the Web SDK routes answer. The SDK treats a 2xx with a JSON object as success and reads its <c>error</c> key;
/// an empty or non-JSON 2xx makes it drop the data, so even "nothing to say" is <c>{}</c>.
/// </summary>
internal static class WebSdkReplies
{
    /// <summary>Success: an empty object, which the SDK accepts as a complete answer.</summary>
    public static IResult Ok() => WireResults.Node(new JsonObject());

    public static IResult Node(JsonObject body) => WireResults.Node(body);

    /// <summary>
    /// <c>200 {"error":"…"}</c>, Braze's answer to a request it will never take (an unknown SDK key, no device id). It
    /// must be a 2xx: the SDK re-queues data after any other status and would send it again forever, while a 2xx with
    /// <c>error</c> makes it log the error and drop the data.
    /// </summary>
    public static IResult Dropped(string error, string message) =>
        WireResults.Node(new JsonObject { ["error"] = error, ["message"] = message });

    /// <summary>A 4xx naming the field, in the sandbox's <c>{"message"}</c> shape.</summary>
    public static IResult Refused(int status, string field, string message) =>
        WireResults.Node(new JsonObject { ["message"] = message, ["field"] = field }, status);

    public static IResult BadRequest(string field, string message) => Refused(StatusCodes.Status400BadRequest, field, message);
}
