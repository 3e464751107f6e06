using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// One <see cref="RateGate"/> per thing a destination limits, shared by every output that uses it (for Braze the REST
/// key, whichever output type sends with it). Register one instance per process. Gates are found by the SHA-256 of the
/// key, so the registry holds no secret text. When outputs sharing a key configure different limits, the lowest applies.
/// </summary>
public sealed class RateGates(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, RateGate> _gates = new(StringComparer.Ordinal);

    /// <param name="key">What the destination limits, e.g. <c>braze:</c> + the REST key; may hold a secret (only its hash is kept).</param>
    /// <param name="limit">Requests allowed per <paramref name="window"/>.</param>
    public RateGate For(string key, int limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        var gate = _gates.GetOrAdd(id, static (_, state) => new RateGate(state.Limit, state.Window, state.Time), (Limit: limit, Window: window, Time: time));
        gate.LowerLimit(limit);
        return gate;
    }
}
