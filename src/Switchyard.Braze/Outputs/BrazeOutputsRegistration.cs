using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Braze.Delivery;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Braze.Outputs;

/// <summary>Registers the Braze output types with the delivery engine.</summary>
public static class BrazeOutputsRegistration
{
    /// <summary>
    /// Adds output types <c>braze</c> and <c>braze_audience</c>, and the REST keys' rate gates they share (over the
    /// process's <see cref="RateGates"/>). The host provides the stores, <see cref="RateGates"/>, the metrics, the
    /// HTTP client named <c>braze</c> and, for audience outputs, an <see cref="IAudienceLinkSource"/>.
    /// </summary>
    public static IServiceCollection AddBrazeOutputs(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new BrazeRateGates(sp.GetRequiredService<RateGates>()));
        services.AddSingleton<IOutputType, BrazeOutputType>();
        services.AddSingleton<IOutputType, BrazeAudienceOutputType>();
        return services;
    }
}
