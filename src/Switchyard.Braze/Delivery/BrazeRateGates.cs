using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Switchyard.Braze.Settings;

namespace Switchyard.Braze.Delivery;

/// <summary>
/// One <see cref="BrazeRateGate"/> per REST key, shared by every connection using that key (Braze limits per
/// workspace, reference/braze.md §1.8). Register one instance per process. Gates are found by the key's SHA-256, so the
/// registry holds no key text. When connections sharing a key configure different limits, the lowest applies.
/// </summary>
public sealed class BrazeRateGates(TimeProvider time)
{
    /// <summary>Braze counts <c>/users/track</c> requests per 3 seconds; <see cref="BrazeOutputSettings.RateLimit"/> is per this window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, BrazeRateGate> _gates = new(StringComparer.Ordinal);

    public BrazeRateGate For(BrazeOutputSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return For(settings.Connection);
    }

    /// <summary>The gate of the connection's REST key, whichever kind of output (events or audiences) uses it.</summary>
    public BrazeRateGate For(BrazeConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(connection.RestApiKey)));
        var gate = _gates.GetOrAdd(id, static (_, state) => new BrazeRateGate(state.Limit, Window, state.Time), (Limit: connection.RateLimit, Time: time));
        gate.LowerLimit(connection.RateLimit);
        return gate;
    }
}
