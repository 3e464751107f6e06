using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Switchyard.Cli.Replay;

/// <summary>Reads every dead letter (of one output, or all) through the admin API, page by page, oldest first.</summary>
internal static class DeadLetterListing
{
    private const int PageSize = 1000;

    public static async Task<IReadOnlyList<DeadLetterEntry>> ReadAsync(HttpClient http, string? output, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetterEntry>();
        long? after = 0;
        while (after is { } from)
        {
            var query = $"admin/dead-letters?limit={PageSize}&after={from.ToString(CultureInfo.InvariantCulture)}" + (output is null ? "" : "&output=" + Uri.EscapeDataString(output));
            using var response = await http.GetAsync(query, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new AdminApiException($"GET /{query}: HTTP {(int)response.StatusCode} {CliJson.OneLine(text.Trim())}".TrimEnd());
            }

            using var page = JsonDocument.Parse(text);
            foreach (var item in page.RootElement.GetProperty("dead_letters").EnumerateArray())
            {
                letters.Add(Entry(item));
            }

            var next = page.RootElement.GetProperty("next_after");
            after = next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
        }

        return letters;
    }

    private static DeadLetterEntry Entry(JsonElement item)
    {
        (int, int, int)? cost = item.TryGetProperty("replay_cost", out var c) && c.ValueKind == JsonValueKind.Object
            ? (c.GetProperty("attributes").GetInt32(), c.GetProperty("events").GetInt32(), c.GetProperty("purchases").GetInt32())
            : null;
        return new DeadLetterEntry(
            item.GetProperty("id").GetInt64(),
            item.GetProperty("output").GetString() ?? "",
            item.GetProperty("mpid").GetString() ?? "",
            item.GetProperty("reason").GetString() ?? "",
            item.GetProperty("attempts").GetInt32(),
            cost);
    }
}
