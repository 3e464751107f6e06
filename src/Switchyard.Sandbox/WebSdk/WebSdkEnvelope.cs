using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Wire;

namespace Switchyard.Sandbox.WebSdk;

/// <summary>
/// The steps every Web SDK route takes before its own work: the body as a JSON object (4xx naming the problem
/// otherwise), then the SDK key (Braze's <c>200 {"error":"invalid_api_key"}</c> otherwise).
/// </summary>
internal static class WebSdkEnvelope
{
    public static async Task<(JsonObject? Body, string? ApiKey, IResult? Refusal)> ReadAsync(HttpContext context, SandboxSettings settings)
    {
        var read = await RequestBodyReader.ReadJsonAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (read.Problem is { } problem)
        {
            return (null, null, WebSdkReplies.Refused(read.Status, "body", problem));
        }

        if (read.Body is not JsonObject body)
        {
            return (null, null, WebSdkReplies.BadRequest("body", "The body must be a JSON object such as {\"api_key\":…,\"device_id\":…,\"events\":[…]}."));
        }

        if (WebSdkApiKey.Accepted(context.Request, body, settings) is not { } key)
        {
            return (body, null, WebSdkReplies.Dropped("invalid_api_key", $"'{WebSdkApiKey.Header}' (or 'api_key') is not an SDK API key this sandbox accepts."));
        }

        return (body, key, null);
    }
}
