using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Switchyard.Sandbox.Currents;

/// <summary>
/// Delivers queued Currents batches to the connector, one request at a time and in creation order, like Braze's
/// mParticle export; a bulk request holds at most 100 batches and 256 KB, the Events API's limits. 2xx: delivered. 408, 429, 5xx, timeouts and connection errors: the same bytes are sent again after
/// an exponential backoff on the sandbox clock. Any other status: the request's batches are dropped and counted.
/// Stops with the host; batches still queued then are lost with the process (the queue is memory only).
/// </summary>
internal sealed class CurrentsSender : BackgroundService
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly CurrentsOutbox _outbox;
    private readonly CurrentsConnectorStore _connectors;
    private readonly CurrentsSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<CurrentsSender> _logger;
    private readonly HttpClient _http;

    public CurrentsSender(CurrentsOutbox outbox, CurrentsConnectorStore connectors, CurrentsSettings settings, TimeProvider time, ILogger<CurrentsSender> logger)
    {
        _outbox = outbox;
        _connectors = connectors;
        _settings = settings;
        _time = time;
        _logger = logger;
        // The timeout is enforced per request below; the client's own is switched off so the two cannot disagree.
        // No redirects: a POST turned into a GET would lose the batches; a 3xx is reported like any other refusal.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Switchyard-Sandbox-Currents/1.0");
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.Zero;
        // The lease of a retryable failure: retried as it was, so the receiver gets the same body again, even when more
        // batches were queued behind it during the backoff.
        DeliveryLease? retry = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var connector = _connectors.Current;
            var maxBatches = connector is { OneBatchPerRequest: true } ? 1 : CurrentsSettings.MaxBatchesPerRequest;
            var lease = connector is null
                ? null
                : retry is not null && retry.Batches.Count <= maxBatches && _outbox.IsHead(retry)
                    ? retry
                    : _outbox.Peek(maxBatches, CurrentsSettings.MaxRequestBytes);
            retry = null;
            if (connector is null || lease is null || lease.Batches.Count == 0)
            {
                try
                {
                    await _outbox.WaitForRingAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                continue;
            }

            var (status, error) = await SendAsync(connector, lease, stoppingToken).ConfigureAwait(false);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var host = connector.Url.Authority;
            if (status is >= 200 and < 300)
            {
                _outbox.Delivered(lease);
                Log.CurrentsDelivered(_logger, lease.Batches.Count, host);
                backoff = TimeSpan.Zero;
                continue;
            }

            if (status is { } refused && !IsRetryable(refused))
            {
                _outbox.Dropped(lease, new DeliveryError(_time.GetUtcNow(), refused, error));
                Log.CurrentsDropped(_logger, lease.Batches.Count, host, refused);
                continue;
            }

            _outbox.Failed(lease, new DeliveryError(_time.GetUtcNow(), status, error));
            retry = lease;
            backoff = backoff == TimeSpan.Zero
                ? _settings.InitialBackoff
                : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _settings.MaxBackoff.Ticks));
            Log.CurrentsRetrying(_logger, lease.Batches.Count, host, error, backoff.TotalMilliseconds);
            try
            {
                await Task.Delay(backoff, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private static bool IsRetryable(int status) =>
        status is (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500;

    /// <returns>The response status (null when there was none) and a description of any failure.</returns>
    private async Task<(int? Status, string Error)> SendAsync(CurrentsConnector connector, DeliveryLease lease, CancellationToken stoppingToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, connector.Url)
        {
            Content = new ByteArrayContent(Body(lease, connector.OneBatchPerRequest)),
        };
        request.Content.Headers.ContentType = JsonType;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", connector.BasicCredentials);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(_settings.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return (status, $"{status} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (null, $"no response within {_settings.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (OperationCanceledException)
        {
            return (null, "stopped");
        }
        catch (HttpRequestException e)
        {
            return (null, $"connection error: {e.HttpRequestError}");
        }
    }

    /// <summary>One batch as it is, or an array of batches for bulk URLs (reference/mparticle.md §1.1).</summary>
    private static byte[] Body(DeliveryLease lease, bool single)
    {
        if (single)
        {
            return lease.Batches[0].Body.ToArray();
        }

        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'[');
        for (var i = 0; i < lease.Batches.Count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(lease.Batches[i].Body.Span);
        }

        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }
}
