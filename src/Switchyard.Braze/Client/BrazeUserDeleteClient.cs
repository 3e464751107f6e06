using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Braze.Settings;

namespace Switchyard.Braze.Client;

/// <summary>
/// Sends <c>POST {RestEndpoint}/users/delete</c> (https://www.braze.com/docs/api/endpoints/user_data/post_user_delete/):
/// at most 50 identifiers of one kind per request, answered with <c>{"deleted": n}</c>. 429, 5xx, redirects and network
/// failures are retryable; any other 4xx is a refusal. It does not retry or sleep itself. The REST key is the Bearer
/// token and appears in no outcome.
/// </summary>
public sealed class BrazeUserDeleteClient
{
    /// <summary>Braze's limit of identifiers per request.</summary>
    public const int MaxIds = 50;

    private readonly HttpClient _http;

    public BrazeUserDeleteClient(HttpClient http) => _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>An <see cref="HttpClient"/> that never follows redirects, as the track client's.</summary>
    public static HttpClient CreateHttpClient() => BrazeHttpClients.Create();

    /// <param name="idKind"><c>external_ids</c>, <c>braze_ids</c> or <c>user_aliases</c> (alias objects as JSON strings are not used here).</param>
    public async Task<BrazeDeleteOutcome> DeleteAsync(BrazeConnection connection, string idKind, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count is 0 or > MaxIds)
        {
            throw new ArgumentOutOfRangeException(nameof(ids), $"A /users/delete request carries 1 to {MaxIds} ids.");
        }

        using var body = new MemoryStream();
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(idKind);
            foreach (var id in ids)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(connection.RestEndpoint.AbsoluteUri.TrimEnd('/') + "/users/delete"));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.RestApiKey);
        message.Content = new ByteArrayContent(body.ToArray());
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await _http.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new BrazeDeleteOutcome(BrazeDeleteResult.Sent);
            }

            var error = $"Braze answered {status}: {Shorten(text)}";
            if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500 || status is >= 300 and < 400 or 408)
            {
                return new BrazeDeleteOutcome(BrazeDeleteResult.Retryable, error, response.Headers.RetryAfter?.Delta);
            }

            return new BrazeDeleteOutcome(BrazeDeleteResult.Refused, error);
        }
        catch (HttpRequestException e)
        {
            return new BrazeDeleteOutcome(BrazeDeleteResult.Retryable, "Braze could not be reached: " + e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new BrazeDeleteOutcome(BrazeDeleteResult.Retryable, "Braze did not answer in time.");
        }
    }

    private static string Shorten(string text)
    {
        var flat = new StringBuilder(text.Length);
        foreach (var c in text.AsSpan(0, Math.Min(text.Length, 300)))
        {
            flat.Append(char.IsControl(c) ? ' ' : c);
        }

        return flat.ToString();
    }
}
