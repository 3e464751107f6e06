using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Settings;

namespace Switchyard.Braze.Client;

/// <summary>
/// Sends one packed request to <c>POST {RestEndpoint}/users/track</c> (reference/braze.md §1.1) and maps the answer to
/// per-item outcomes (§1.7, §8.7). It does not buffer, sleep or retry: that is the delivery engine's job
/// (conventions.md). Expected failures come back as outcomes, never as exceptions; only the caller's own cancellation
/// throws. The REST key is sent as the Bearer token and appears in no outcome, reason or log.
/// </summary>
public sealed partial class BrazeTrackClient
{
    private const int MaxAnswerBytes = 256 * 1024;

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Uri _trackUri;
    private readonly AuthenticationHeaderValue _authorization;

    public BrazeTrackClient(HttpClient http, BrazeOutputSettings settings, TimeProvider time)
        : this(http, (settings ?? throw new ArgumentNullException(nameof(settings))).Connection, time)
    {
    }

    public BrazeTrackClient(HttpClient http, BrazeConnection connection, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(time);
        _http = http;
        _time = time;
        _trackUri = new Uri(connection.RestEndpoint.AbsoluteUri.TrimEnd('/') + "/users/track");
        _authorization = new AuthenticationHeaderValue("Bearer", connection.RestApiKey);
    }

    public async Task<BrazeSendResult> SendAsync(BrazeTrackRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _trackUri);
        message.Headers.Authorization = _authorization;
        message.Content = new ReadOnlyMemoryContent(request.Body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            // HttpClient.Timeout ends at the headers with ResponseHeadersRead; the same budget bounds reading the body.
            using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (_http.Timeout != Timeout.InfiniteTimeSpan)
            {
                reading.CancelAfter(_http.Timeout);
            }

            var body = await ReadBodyAsync(response, reading.Token).ConfigureAwait(false);
            return Interpret(request, response, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as TaskCanceledException without the caller's token being cancelled.
            return AllRetryable(request, null, "timeout: no answer from Braze in time");
        }
        catch (HttpRequestException e)
        {
            // The message may carry the endpoint but never the key; the error kind is enough for an operator.
            return AllRetryable(request, null, $"connection error: {e.HttpRequestError}");
        }
        catch (IOException)
        {
            return AllRetryable(request, null, "connection error: the response was cut off");
        }
    }

    /// <summary>
    /// Braze's answers are small (at most one error per object). A larger body is cut at <see cref="MaxAnswerBytes"/>,
    /// which makes it unreadable JSON, i.e. no message and no errors, rather than buffering whatever an endpoint sends.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxAnswerBytes];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return buffer[..length];
        }
    }

    private BrazeSendResult Interpret(BrazeTrackRequest request, HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        var rateLimit = ReadRateLimit(response);
        var answer = BrazeTrackAnswer.Parse(body);
        switch (status)
        {
            case >= 200 and < 300:
                return PerObject(request, status, rateLimit, answer, Delivered.Instance);
            case >= 300 and < 400:
                return AllRetryable(request, status, RedirectRefused(status, response.Headers.Location), rateLimit);
            case (int)HttpStatusCode.TooManyRequests:
                return RateLimited(request, response, rateLimit);
            case >= 500 or (int)HttpStatusCode.RequestTimeout:
                return AllRetryable(request, status, Describe(status, answer), rateLimit);
            case (int)HttpStatusCode.BadRequest when answer.Errors.Count > 0:
                // Braze answers 400 only when every object is invalid (§1.7): the named ones get their own type.
                return PerObject(request, status, rateLimit, answer, new Rejected(Describe(status, answer)));
            case (int)HttpStatusCode.RequestEntityTooLarge:
                return All(request, status, new Rejected(Describe(status, answer) + " (body over 4 MB: split the request)"), rateLimit);
            default:
                return All(request, status, new Rejected(Describe(status, answer)), rateLimit);
        }
    }

    /// <summary>
    /// A 3xx is never a delivery (the client follows no redirects, <see cref="BrazeHttpClients"/>). It is retryable, so
    /// the items go through once the endpoint is fixed; the reason names the target's scheme and host only.
    /// </summary>
    private string RedirectRefused(int status, Uri? location)
    {
        const string Fix = "set the output's endpoint to the final address";
        var code = status.ToString(CultureInfo.InvariantCulture);
        return location is not null && Uri.TryCreate(_trackUri, location, out var target)
            ? $"redirect refused: {code} to {target.GetLeftPart(UriPartial.Authority)} — {Fix}"
            : $"redirect refused: {code} without a Location — {Fix}";
    }

    private BrazeSendResult RateLimited(BrazeTrackRequest request, HttpResponseMessage response, BrazeRateLimitHeaders? rateLimit)
    {
        var now = _time.GetUtcNow();
        DateTimeOffset? until = rateLimit?.Reset;
        if (until is null && response.Headers.RetryAfter is { } retryAfter)
        {
            until = retryAfter.Delta is { } delta ? now + delta : retryAfter.Date;
        }

        TimeSpan? wait = until is { } u ? (u > now ? u - now : TimeSpan.Zero) : null;
        var outcome = new Retryable(wait, "429: rate limited by Braze");
        return All(request, (int)HttpStatusCode.TooManyRequests, outcome, rateLimit) with { PauseUntil = until };
    }

    private static BrazeSendResult PerObject(
        BrazeTrackRequest request, int status, BrazeRateLimitHeaders? rateLimit, BrazeTrackAnswer answer, BrazeDeliveryOutcome unnamed)
    {
        var rejected = new Dictionary<long, string>();
        foreach (var error in answer.Errors)
        {
            if (error.Array is { } array && error.Index is { } index && request.TryGetItemId(array, index, out var itemId))
            {
                // An item with any rejected object is Rejected; its first error names the reason.
                rejected.TryAdd(itemId, $"{status}: {error.Type} ({ArrayName(array)}[{index}])");
            }
        }

        var outcomes = request.ItemIds
            .Select(id => new BrazeItemOutcome(id, rejected.TryGetValue(id, out var reason) ? new Rejected(reason) : unnamed))
            .ToArray();
        return new BrazeSendResult(status, outcomes, rateLimit, null);
    }

    private static BrazeSendResult AllRetryable(BrazeTrackRequest request, int? status, string reason, BrazeRateLimitHeaders? rateLimit = null) =>
        All(request, status, new Retryable(null, reason), rateLimit);

    private static BrazeSendResult All(BrazeTrackRequest request, int? status, BrazeDeliveryOutcome outcome, BrazeRateLimitHeaders? rateLimit) =>
        new(status, request.ItemIds.Select(id => new BrazeItemOutcome(id, outcome)).ToArray(), rateLimit, null);

    private static string Describe(int status, BrazeTrackAnswer answer) =>
        answer.Message is { Length: > 0 } message ? $"{status}: {message}" : $"{status}: (no message)";

    private static string ArrayName(BrazeTrackArray array) => array switch
    {
        BrazeTrackArray.Attributes => "attributes",
        BrazeTrackArray.Events => "events",
        _ => "purchases",
    };
}
