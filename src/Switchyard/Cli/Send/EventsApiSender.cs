using System.Net;
using System.Text;
using System.Text.Json;

namespace Switchyard.Cli.Send;

/// <summary>
/// Sends one request of batches to the Events API and records its outcome in the tally: retried after a 429, a 5xx
/// or a lost connection (waiting as <see cref="RetryDelay"/> says), accepted on 202 (a bulk answer may still refuse
/// some of its batches, which it lists by index), refused on any other answer.
/// </summary>
internal sealed class EventsApiSender(HttpClient http, bool bulk, SendTally tally, TimeProvider time)
{
    private string Path => bulk ? "v2/bulkevents" : "v2/events";

    /// <returns>False when the service refused the credentials: every later request would be refused too.</returns>
    public async Task<bool> SendAsync(IReadOnlyList<OutgoingBatch> batches, CancellationToken cancellationToken)
    {
        var body = bulk ? "[" + string.Join(",", batches.Select(b => b.Json)) + "]" : batches[0].Json;
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            string failure;
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                response = await http.PostAsync(Path, content, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {http.Timeout.TotalSeconds:0} s";
            }

            using (response)
            {
                if (response is not null && !RetryDelay.IsRetryable(response.StatusCode))
                {
                    return await SettleAsync(response, batches, cancellationToken).ConfigureAwait(false);
                }

                failure = response is null ? "" : await DescribeAsync(response, cancellationToken).ConfigureAwait(false);
                if (attempt == RetryDelay.MaxAttempts)
                {
                    tally.Answered(batches.Count);
                    tally.Refuse(batches.Count, $"{Origin(batches)}: gave up after {attempt} attempts; last answer: {failure}");
                    return true;
                }

                tally.Retried();
                var wait = RetryDelay.After(attempt, response?.Headers.RetryAfter, time.GetUtcNow());
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> SettleAsync(HttpResponseMessage response, IReadOnlyList<OutgoingBatch> batches, CancellationToken cancellationToken)
    {
        tally.Answered(batches.Count);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            tally.Refuse(batches.Count, $"{Origin(batches)}: {await DescribeAsync(response, cancellationToken).ConfigureAwait(false)}");
            return response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden);
        }

        var refused = bulk ? await RefusedInBulkAsync(response, cancellationToken).ConfigureAwait(false) : [];
        var events = 0;
        for (var i = 0; i < batches.Count; i++)
        {
            if (refused.TryGetValue(i, out var errors))
            {
                tally.Refuse(1, $"{batches[i].Origin}: HTTP 202, refused in the bulk answer: {errors}");
            }
            else
            {
                events += batches[i].Events;
            }
        }

        tally.Accept(batches.Count - refused.Count, events);
        return true;
    }

    /// <summary>The batches a partly accepted bulk request refused, by index, with their errors as JSON (docs/events-api.md).</summary>
    private static async Task<Dictionary<int, string>> RefusedInBulkAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var refused = new Dictionary<int, string>();
        if (text.Length == 0)
        {
            return refused;
        }

        using var document = JsonDocument.Parse(text);
        if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("refused", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                refused[item.GetProperty("index").GetInt32()] = "{\"errors\":" + item.GetProperty("errors").GetRawText() + "}";
            }
        }

        return refused;
    }

    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        return $"HTTP {(int)response.StatusCode} {CliJson.OneLine(text)}".TrimEnd();
    }

    private static string Origin(IReadOnlyList<OutgoingBatch> batches) =>
        batches.Count == 1 ? batches[0].Origin : $"{batches[0].Origin} to {batches[^1].Origin}";
}
