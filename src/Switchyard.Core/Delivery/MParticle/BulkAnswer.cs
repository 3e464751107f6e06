using System.Globalization;
using System.Net;
using System.Text.Json;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>
/// Reads the answer to one <c>/v2/bulkevents</c> request into an outcome per batch of the request (by position).
/// </summary>
/// <remarks>
/// 202/200: delivered, except the batches a Switchyard receiver lists as refused in its partial-acceptance report
/// (<c>{"accepted":n,"refused":[{"index":i,"errors":[...]}]}</c>, docs/events-api.md), which are rejected with its reason;
/// mParticle itself sends no per-batch report. 429, 5xx, 408 and no answer: retryable, after <c>Retry-After</c> when given.
/// 401/403: retryable, since credentials are fixed in the workspace and a fix must not lose the queue; the output's
/// health log says requests are failing. Any other 4xx refuses the whole request: <see cref="SplitRequired"/> when it held
/// several batches (mParticle answers 400 for the request, so each batch is sent alone to find the bad one), else rejected.
/// </remarks>
internal sealed record BulkAnswer(int? StatusCode, IReadOnlyList<ItemOutcome> Outcomes, bool SplitRequired, TimeSpan? RetryAfter)
{
    private const int MaxReasonLength = 500;

    public static BulkAnswer NoAnswer(int batches, string reason) =>
        new(null, Enumerable.Repeat(ItemOutcome.Retryable(reason), batches).ToArray(), false, null);

    public static BulkAnswer Read(HttpStatusCode status, TimeSpan? retryAfter, string body, int batches, string? redirect)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
        {
            var outcomes = Enumerable.Repeat(ItemOutcome.Delivered, batches).ToArray();
            foreach (var (index, reason) in Refused(body))
            {
                if (index >= 0 && index < batches)
                {
                    outcomes[index] = ItemOutcome.Rejected(reason);
                }
            }

            return new BulkAnswer(code, outcomes, false, null);
        }

        string? retry = code switch
        {
            429 => "rate limited by the receiver (429)",
            401 or 403 => $"the receiver refused the apiKey and apiSecret ({code.ToString(CultureInfo.InvariantCulture)}); fix the output's settings",
            408 or >= 500 => $"the receiver failed ({code.ToString(CultureInfo.InvariantCulture)})",
            >= 300 and < 400 => $"the receiver redirects ({code.ToString(CultureInfo.InvariantCulture)}) to {redirect ?? "an unnamed address"}, which is not followed; point the endpoint at the final address",
            404 or 405 => $"the endpoint has no /v2/bulkevents ({code.ToString(CultureInfo.InvariantCulture)}); check the endpoint setting",
            _ => null,
        };
        if (retry is not null)
        {
            return new BulkAnswer(code, Enumerable.Repeat(ItemOutcome.Retryable(retry, retryAfter), batches).ToArray(), false, retryAfter);
        }

        if (batches > 1)
        {
            return new BulkAnswer(code, [], true, null);
        }

        return new BulkAnswer(code, [ItemOutcome.Rejected($"refused by the receiver ({code.ToString(CultureInfo.InvariantCulture)}): {FirstError(body)}")], false, null);
    }

    /// <summary>The refused batches of a Switchyard partial-acceptance report; none for an empty or other body.</summary>
    private static IEnumerable<(int Index, string Reason)> Refused(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("refused", out var refused) || refused.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return refused.EnumerateArray()
                .Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("index", out var i) && i.TryGetInt32(out _))
                .Select(r => (r.GetProperty("index").GetInt32(), "refused by the receiver: " + Errors(r)))
                .ToArray();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string FirstError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object ? Errors(json.RootElement) : Cut(body);
        }
        catch (JsonException)
        {
            return Cut(body);
        }
    }

    private static string Errors(JsonElement holder)
    {
        if (!holder.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return "no reason given";
        }

        var text = string.Join("; ", errors.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => $"{Text(e, "code")}: {Text(e, "message")}"));
        return Cut(text.Length == 0 ? "no reason given" : text);
    }

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string Cut(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "…";
}
