using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Sandbox.Hosting;
using Switchyard.Sandbox.Tests.Http;

namespace Switchyard.Sandbox.Tests.WebSdk;

/// <summary>Posts a Braze Web SDK body the way the SDK does: JSON, <c>X-Braze-Api-Key</c>, <c>X-Requested-With</c>.</summary>
internal static class WebSdkCall
{
    public const string Device = "device-1";

    /// <summary>2026-01-01T00:00:00Z in the SDK's epoch seconds.</summary>
    public const double SdkTime = 1_767_225_600;

    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseHeaders Headers)> PostAsync(
        SandboxHttp sandbox, string body, string? key = SandboxOptions.DefaultSdkApiKey, string? origin = null, string path = "/api/v3/data/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Add("X-Braze-Api-Key", key);
        }

        request.Headers.Add("X-Requested-With", "XMLHttpRequest");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await sandbox.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers);
    }

    /// <summary>An envelope as the SDK builds it around the given <c>events</c> and <c>attributes</c> members.</summary>
    public static string Envelope(string members, string device = Device) =>
        $$$"""{"api_key":"{{{SandboxOptions.DefaultSdkApiKey}}}","time":{{{SdkTime}}},"sdk_version":"6.13.0","device_id":"{{{device}}}","respond_with":{"config":{"config_time":0}},{{{members}}}}""";

    public static async Task<JsonObject> ExportAsync(SandboxHttp sandbox, string externalId, params string[] fields)
    {
        var list = string.Join(',', fields.Select(f => $"\"{f}\""));
        var (status, body) = await sandbox.PostAsync("/users/export/ids", $$$"""{"external_ids":["{{{externalId}}}"],"fields_to_export":[{{{list}}}]}""");
        Assert.Equal(HttpStatusCode.OK, status);
        return Assert.Single(body!["users"]!.AsArray())!.AsObject();
    }

    public static async Task<int> UserCountAsync(SandboxHttp sandbox) => (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!;
}
