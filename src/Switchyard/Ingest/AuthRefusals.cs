using Microsoft.Extensions.Logging;

namespace Switchyard.Ingest;

/// <summary>
/// Requests refused for their credentials (401/403), logged without flooding: the first refusal of a feed in a minute at
/// once, the rest of that minute as one summary line per target (<see cref="Summarise"/>, called each minute by
/// <see cref="AuthRefusalSummaries"/>). A refusal counts against the input feed whose key was given, against input feeds
/// in general when the key is unknown or the credentials unreadable, or against the admin API; no key or token is logged.
/// </summary>
internal sealed class AuthRefusals(ILogger<AuthRefusals> logger)
{
    private readonly Lock _lock = new();
    private Dictionary<string, Counts> _window = new(StringComparer.Ordinal);

    public void Refused(string feed, int status)
    {
        bool first;
        lock (_lock)
        {
            first = !_window.TryGetValue(feed, out var counts);
            counts ??= _window[feed] = new Counts();
            if (status == 401)
            {
                counts.Unauthorized++;
            }
            else
            {
                counts.Forbidden++;
            }
        }

        if (first)
        {
            Log.AuthRefused(logger, feed, status);
        }
    }

    /// <summary>Logs, per feed, the refusals after the first since the last call, and starts a new window.</summary>
    public void Summarise(TimeSpan window)
    {
        Dictionary<string, Counts> ended;
        lock (_lock)
        {
            ended = _window;
            _window = new Dictionary<string, Counts>(StringComparer.Ordinal);
        }

        foreach (var (feed, counts) in ended)
        {
            if (counts.Unauthorized + counts.Forbidden > 1)
            {
                Log.AuthRefusalsSummarised(logger, feed, counts.Unauthorized + counts.Forbidden, window, counts.Unauthorized, counts.Forbidden);
            }
        }
    }

    private sealed class Counts
    {
        public long Unauthorized;
        public long Forbidden;
    }
}
