using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Delivery;

/// <summary>
/// The <see cref="RateGate"/> of each Braze REST key, shared by every output using that key (Braze limits per
/// workspace, reference/braze.md §1.8), events and audience outputs alike. Register one instance per process. When
/// connections sharing a key configure different limits, the lowest applies.
/// </summary>
public sealed class BrazeRateGates
{
    /// <summary>Braze counts <c>/users/track</c> requests per 3 seconds; <see cref="BrazeOutputSettings.RateLimit"/> is per this window.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly RateGates _gates;

    public BrazeRateGates(TimeProvider time)
        : this(new RateGates(time))
    {
    }

    /// <param name="gates">The process's gates, shared with other output types (keys never collide: these start with <c>braze:</c>).</param>
    public BrazeRateGates(RateGates gates) => _gates = gates ?? throw new ArgumentNullException(nameof(gates));

    public RateGate For(BrazeOutputSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return For(settings.Connection);
    }

    /// <summary>The gate of the connection's REST key, whichever kind of output (events or audiences) uses it.</summary>
    public RateGate For(BrazeConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return _gates.For("braze:" + connection.RestApiKey, connection.RateLimit, Window);
    }
}
