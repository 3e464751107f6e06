using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Braze.Client;
using Switchyard.Braze.Settings;

namespace Switchyard.Braze.Reconcile;

/// <summary>
/// Reads users from Braze with <c>POST /users/export/ids</c> (https://www.braze.com/docs/api/endpoints/export/user_data/post_users_identifier/):
/// up to 50 <c>external_ids</c> per request, always with <c>fields_to_export</c> (required for newer workspaces, and it
/// keeps the answer small). Failures come back as values; the REST key appears in none of them.
/// </summary>
internal sealed class BrazeExportClient
{
    /// <summary>Braze's cap on <c>external_ids</c> per export request.</summary>
    public const int MaxIdsPerRequest = 50;

    private const int MaxAnswerBytes = 8 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly Uri _exportUri;
    private readonly AuthenticationHeaderValue _authorization;

    public BrazeExportClient(HttpClient http, BrazeConnection connection)
    {
        _http = http;
        _exportUri = new Uri(connection.RestEndpoint.AbsoluteUri.TrimEnd('/') + "/users/export/ids");
        _authorization = new AuthenticationHeaderValue("Bearer", connection.RestApiKey);
    }

    public async Task<BrazeExportResult> ExportAsync(IReadOnlyList<string> externalIds, IReadOnlyList<string> fields, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["external_ids"] = new JsonArray([.. externalIds.Select(id => (JsonNode)id)]),
            ["fields_to_export"] = new JsonArray([.. fields.Select(f => (JsonNode)f)]),
        };
        using var message = new HttpRequestMessage(HttpMethod.Post, _exportUri);
        message.Headers.Authorization = _authorization;
        message.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        try
        {
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status == (int)HttpStatusCode.TooManyRequests)
            {
                var reset = BrazeTrackClient.ReadRateLimit(response)?.Reset;
                return BrazeExportResult.Failed($"rate limited by Braze (429) on /users/export/ids", reset ?? DateTimeOffset.MinValue);
            }

            if (status is < 200 or >= 300)
            {
                return BrazeExportResult.Failed($"Braze answered {status} to /users/export/ids", status >= 500 ? DateTimeOffset.MinValue : null);
            }

            var text = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            if (text.Length > MaxAnswerBytes || JsonNode.Parse(text) is not JsonObject answer)
            {
                return BrazeExportResult.Failed("Braze's export answer was not a JSON object", null);
            }

            var users = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var user in answer["users"] as JsonArray ?? [])
            {
                if (user is JsonObject found && found["external_id"]?.GetValueKind() == JsonValueKind.String)
                {
                    users[(string)found["external_id"]!] = found;
                }
            }

            return new BrazeExportResult(users, null, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return BrazeExportResult.Failed("timeout: no answer from Braze in time", DateTimeOffset.MinValue);
        }
        catch (HttpRequestException e)
        {
            return BrazeExportResult.Failed($"connection error: {e.HttpRequestError}", DateTimeOffset.MinValue);
        }
        catch (JsonException)
        {
            return BrazeExportResult.Failed("Braze's export answer was not JSON", null);
        }
    }
}
