using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Switchyard.Core.Delivery.Engine;

/// <summary>
/// One <see cref="RateGate"/> per thing a destination limits, shared by every output that uses it (for Braze the REST
/// key, whichever output type sends with it). Register one instance per process. Gates are found by the SHA-256 of the
/// key, and that hash is also the key's id in the <see cref="IRateBudgetStore"/>, so neither holds secret text. When
/// outputs sharing a key configure different limits, the lowest applies.
/// </summary>
public sealed class RateGates
{
    private readonly ConcurrentDictionary<string, RateGate> _gates = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IRateBudgetStore _budget;
    private readonly ILogger _logger;

    /// <summary>Gates of this process alone, their budgets in memory (one node).</summary>
    public RateGates(TimeProvider time)
        : this(time, new InProcessRateBudgetStore(), NullLogger<RateGates>.Instance)
    {
    }

    /// <summary>Gates drawing from <paramref name="budget"/>: with a store shared by several nodes, so are the budgets.</summary>
    public RateGates(TimeProvider time, IRateBudgetStore budget, ILogger<RateGates> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(budget);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _budget = budget;
        _logger = logger;
    }

    /// <param name="key">What the destination limits, e.g. <c>braze:</c> + the REST key; may hold a secret (only its hash is kept).</param>
    /// <param name="limit">Requests allowed per <paramref name="window"/>.</param>
    public RateGate For(string key, int limit, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(key);
        var id = KeyId(key);
        var gate = _gates.GetOrAdd(
            id,
            static (id, state) => new RateGate(state.Limit, state.Window, state.Self._time, state.Self._budget, id, state.Self._logger),
            (Limit: limit, Window: window, Self: this));
        gate.LowerLimit(limit);
        return gate;
    }

    /// <summary>The id a key goes by, in the registry and in the store: the SHA-256 of its UTF-8 text, in hex.</summary>
    public static string KeyId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
