using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// Reads the state of one audience connection from both ends: the server's admin API and <c>/metrics</c>, and the
/// Braze sandbox's control API (segment members, data points).
/// </summary>
internal sealed partial class AudienceSyncProbe : IDisposable
{
    private const string Segment = "audience-sync-bench";
    private readonly HttpClient _admin;
    private readonly HttpClient _sandbox;
    private readonly string _output;
    private readonly int _audience;

    public AudienceSyncProbe(Uri server, string adminToken, Uri sandbox, string output, int audience)
    {
        _admin = new HttpClient { BaseAddress = server };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        _sandbox = new HttpClient { BaseAddress = sandbox };
        _output = output;
        _audience = audience;
    }

    public async Task<long> AudienceSizeAsync() =>
        (long)(await GetJsonAsync(_admin, $"/admin/audiences/{_audience}/size"))["size"]!;

    /// <summary>The connection's latest job state (null before it has one) and the items queued at the output.</summary>
    public async Task<(string? JobState, long Queued)> ConnectionAsync()
    {
        var view = await GetJsonAsync(_admin, $"/admin/audience-connections/{_output}/{_audience}");
        return ((string?)view["job"]?["state"], (long)view["output_queued"]!);
    }

    public async Task ConnectAsync()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await _admin.PutAsync(new Uri($"/admin/audience-connections/{_output}/{_audience}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Defines the sandbox segment that finds the audience's members through the given filter.</summary>
    public async Task DefineSegmentAsync(JsonObject filter)
    {
        using var content = new StringContent(new JsonObject { ["filter"] = filter }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _sandbox.PutAsync(new Uri($"/_sandbox/segments/{Segment}", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Evaluates the segment over every sandbox user; costly, so called only when the server looks settled.</summary>
    public async Task<long> SegmentCountAsync() =>
        (long)(await GetJsonAsync(_sandbox, $"/_sandbox/segments/{Segment}/members"))["count"]!;

    /// <summary>Empties the sandbox's request log, so that <see cref="TrackTimeAsync"/> covers what follows.</summary>
    public async Task ClearRequestLogAsync()
    {
        using var response = await _sandbox.DeleteAsync(new Uri("/_sandbox/requests", UriKind.Relative));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The <c>/users/track</c> requests in the sandbox's request log and the time it spent answering them.</summary>
    public async Task<(int Requests, TimeSpan Busy)> TrackTimeAsync()
    {
        var log = (await GetJsonAsync(_sandbox, "/_sandbox/requests?path=/users/track"))["requests"]!.AsArray();
        return (log.Count, TimeSpan.FromMilliseconds(log.Sum(entry => (double)entry!["duration_ms"]!)));
    }

    /// <summary>
    /// The tally once the last settlements show at <c>/metrics</c>: the Prometheus exporter answers a scrape from a cache
    /// kept for 300 ms (OpenTelemetry's <c>ScrapeResponseCacheDurationMilliseconds</c> default), so a read right after the
    /// queue empties can miss the last passes.
    /// </summary>
    public async Task<DeliveryTally> SettledTallyAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        return await TallyAsync();
    }

    public async Task<DeliveryTally> TallyAsync()
    {
        var dataPoints = (double)(await GetJsonAsync(_sandbox, "/_sandbox/datapoints"))["total"]!["total"]!;
        var metrics = await _admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return new DeliveryTally(
            dataPoints,
            Sum(metrics, "switchyard_delivery_requests_sent_total"),
            Sum(metrics, "switchyard_delivery_request_objects_sum"),
            Sum(metrics, "switchyard_delivery_request_objects_count"),
            Sum(metrics, "switchyard_delivery_items_delivered_total") + Sum(metrics, "switchyard_delivery_items_skipped_total"),
            Sum(metrics, "switchyard_audience_sync_users_unchanged_total"));
    }

    public void Dispose()
    {
        _admin.Dispose();
        _sandbox.Dispose();
    }

    private static async Task<JsonNode> GetJsonAsync(HttpClient client, string path) =>
        JsonNode.Parse(await client.GetStringAsync(new Uri(path, UriKind.Relative)))
        ?? throw new InvalidOperationException($"{path} answered null.");

    private double Sum(string metrics, string name)
    {
        var label = $"output=\"{_output}\"";
        double total = 0;
        foreach (Match match in Sample().Matches(metrics))
        {
            if (match.Groups[1].Value == name && match.Groups[2].Value.Contains(label, StringComparison.Ordinal))
            {
                total += double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex(@"^([a-z_]+)(?:\{([^}]*)\})? ([0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
