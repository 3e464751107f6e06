using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Sandbox.Tests.Http;
using Switchyard.Testing.Hostile;

namespace Switchyard.Sandbox.Tests.Hostile;

/// <summary>
/// Bodies that are JSON to the letter but hold no text (bytes that are not UTF-8, an escaped lone surrogate) or repeat a
/// name: every Braze and control route refuses them with a 400 and a JSON message, never a 500, and changes nothing.
/// </summary>
public sealed class SandboxBodyTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Each route with a body it reads, <c>@</c> marking a string value it looks at.</summary>
    private static readonly (string Method, string Path, bool Braze, string Body)[] Routes =
    [
        ("POST", "/users/track", true, """{"attributes":[{"external_id":"u1","first_name":"@"}]}"""),
        ("POST", "/users/export/ids", true, """{"external_ids":["@"],"fields_to_export":["external_id"]}"""),
        ("POST", "/users/delete", true, """{"external_ids":["@"]}"""),
        ("POST", "/users/alias/new", true, """{"user_aliases":[{"alias_name":"@","alias_label":"l"}]}"""),
        ("POST", "/users/identify", true, """{"aliases_to_identify":[{"external_id":"@","user_alias":{"alias_name":"a","alias_label":"l"}}]}"""),
        ("POST", "/users/merge", true, """{"merge_updates":[{"identifier_to_merge":{"external_id":"@"},"identifier_to_keep":{"external_id":"k"}}]}"""),
        ("POST", "/users/alias/update", true, """{"alias_updates":[{"alias_label":"l","old_alias_name":"@","new_alias_name":"n"}]}"""),
        ("POST", "/users/external_ids/rename", true, """{"external_id_renames":[{"current_external_id":"@","new_external_id":"n"}]}"""),
        ("POST", "/users/external_ids/remove", true, """{"external_ids":["@"]}"""),
        ("PUT", "/_sandbox/segments/s", false, """{"filter":{"attribute":"a","operator":"equals","value":"@"}}"""),
        ("POST", "/_sandbox/segments/evaluate", false, """{"filter":{"attribute":"a","operator":"equals","value":"@"}}"""),
        ("POST", "/_sandbox/faults", false, """{"kind":"status","status":503,"path":"@"}"""),
        ("PUT", "/_sandbox/ratelimits", false, """{"track":{"limit":10},"enabled":"@"}"""),
        ("PUT", "/_sandbox/currents/connector", false, """{"url":"http://127.0.0.1:9/v2/bulkevents","api_key":"@","api_secret":"s"}"""),
        ("POST", "/_sandbox/currents/campaigns", false, """{"segment":"@","campaign_name":"c","channel":"email"}"""),
    ];

    /// <summary>Where the undecodable text goes: in a value the route reads, or as a property name.</summary>
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        for (var route = 0; route < Routes.Length; route++)
        {
            foreach (var where in new[] { "value:surrogate", "value:utf8", "name:surrogate", "name:utf8" })
            {
                data.Add(route, where);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Text_that_does_not_decode_is_a_400_with_a_json_message(int route, string where)
    {
        var (method, path, _, sample) = Routes[route];
        byte[] bad = where.EndsWith("surrogate", StringComparison.Ordinal) ? "\\udfff"u8.ToArray() : [0xC3, 0x28];
        var body = where.StartsWith("value", StringComparison.Ordinal)
            ? Replace(Encoding.UTF8.GetBytes(sample), (byte)'@', bad)
            : [.. "{\""u8, .. bad, .. "\":1,"u8, .. Encoding.UTF8.GetBytes(sample.Replace("@", "x", StringComparison.Ordinal))[1..]];
        await using var sandbox = await SandboxHttp.StartAsync();

        var response = await SendAsync(sandbox, method, path, body);

        Assert.True(response.Status == 400, $"{method} {path} ({where}): {response}");
        Assert.NotNull(response.JsonBody()?["message"]);
        Assert.Equal(0, (int)(await sandbox.GetAsync("/_sandbox/users"))["total"]!);
    }

    [Theory]
    [InlineData("PUT", "/_sandbox/segments/s", """{"filter":{"attribute":"a","operator":"equals","value":"x"},"filter":{}}""")]
    [InlineData("POST", "/_sandbox/segments/evaluate", """{"filter":{"attribute":"a","attribute":"b","operator":"equals","value":"x"}}""")]
    [InlineData("POST", "/_sandbox/faults", """{"kind":"status","kind":"drop","status":503}""")]
    [InlineData("PUT", "/_sandbox/ratelimits", """{"track":{"limit":10},"track":{"limit":20}}""")]
    [InlineData("PUT", "/_sandbox/currents/connector", """{"url":"http://127.0.0.1:9/v2/bulkevents","api_key":"k","api_key":"k2","api_secret":"s"}""")]
    [InlineData("POST", "/_sandbox/currents/campaigns", """{"segment":"s","segment":"t","campaign_name":"c","channel":"email"}""")]
    public async Task A_repeated_name_on_a_control_route_is_a_400_with_a_json_message(string method, string path, string body)
    {
        await using var sandbox = await SandboxHttp.StartAsync();

        var response = await SendAsync(sandbox, method, path, Encoding.UTF8.GetBytes(body));

        Assert.True(response.Status == 400, $"{method} {path}: {response}");
        Assert.NotNull(response.JsonBody()?["message"]);
    }

    [Theory]
    [InlineData("/users/track")]
    [InlineData("/_sandbox/segments/evaluate")]
    public async Task A_chunk_size_that_overflows_64_bits_is_a_400_with_a_json_message(string path)
    {
        using var logs = new LogRecorder();
        await using var sandbox = await SandboxHttp.StartAsync(services: s => s.AddLogging(l => l.AddProvider(logs)));
        var request = new RawRequest("POST", path)
        {
            Headers = [new("Authorization", "Bearer " + SandboxHttp.FullKey), new("Content-Type", "application/json"), new("Transfer-Encoding", "chunked")],
            Framing = Encoding.ASCII.GetBytes("ffffffffffffffff\r\n{}\r\n0\r\n\r\n"),
        };

        var response = await RawHttp.SendAsync(sandbox.Server.BaseAddress, request, Timeout);

        Assert.True(response.Status == 400, response.ToString());
        Assert.NotNull(response.JsonBody()?["message"]);
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Warning || e.Exception is not null);
    }

    internal static Task<RawResponse> SendAsync(SandboxHttp sandbox, string method, string path, byte[] body) =>
        RawHttp.SendAsync(
            sandbox.Server.BaseAddress,
            new RawRequest(method, path)
            {
                Headers = [new("Authorization", "Bearer " + SandboxHttp.FullKey), new("Content-Type", "application/json")],
                Body = body,
            },
            Timeout);

    private static byte[] Replace(byte[] source, byte marker, byte[] replacement)
    {
        var at = Array.IndexOf(source, marker);
        return [.. source[..at], .. replacement, .. source[(at + 1)..]];
    }
}
