using System.Net;
using Switchyard.Core.Delivery.MParticle;
using Switchyard.Core.Workspace;

namespace Switchyard.Hosting;

/// <summary>
/// Refuses an <c>mparticle</c> output whose endpoint is this process's own listener: every batch would come straight
/// back. (A loop through another Switchyard is stopped by the relay marker instead, docs/outputs.md.)
/// </summary>
internal static class RelayLoops
{
    public static void Refuse(DeliveryOutputs outputs, ServeSettings settings)
    {
        if (settings.Port == 0)
        {
            // A port picked at bind time cannot be named in a workspace file.
            return;
        }

        for (var i = 0; i < outputs.All.Count; i++)
        {
            if (OwnListener(outputs.All[i], settings) is { } problem)
            {
                throw new WorkspaceException($"outputs[{i}].{problem}");
            }
        }
    }

    /// <summary>What is wrong with a relay to this process's own listener (the field named inside the output); null when nothing is.</summary>
    public static string? OwnListener(Core.Delivery.Engine.ConfiguredOutput output, ServeSettings settings) =>
        settings.Port != 0 && output.Settings is MParticleSettings relay && IsOwnListener(relay.Endpoint, settings)
            ? $"settings.endpoint: '{relay.Endpoint.GetLeftPart(UriPartial.Authority)}' is this Switchyard's own listener; a relay must point at another Switchyard or at mParticle."
            : null;

    private static bool IsOwnListener(Uri endpoint, ServeSettings settings)
    {
        if (endpoint.Port != settings.Port)
        {
            return false;
        }

        var host = endpoint.IdnHost.Trim('[', ']');
        var isLoopback = host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        if (!IPAddress.TryParse(settings.BindAddress, out var bound))
        {
            return false;
        }

        // A process bound to every address (or to loopback) answers on loopback; one bound to an address answers on it.
        return (isLoopback && (IPAddress.IsLoopback(bound) || bound.Equals(IPAddress.Any) || bound.Equals(IPAddress.IPv6Any)))
            || (IPAddress.TryParse(host, out var named) && named.Equals(bound));
    }
}
