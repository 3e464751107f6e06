using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Delivery.Engine;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>Registers output type <c>mparticle</c> with the delivery engine.</summary>
public static class MParticleRegistration
{
    /// <summary>
    /// Adds output type <c>mparticle</c>. The host provides the stores, <see cref="RateGates"/>, time and an HTTP client
    /// named <c>mparticle</c> that follows no redirects.
    /// </summary>
    public static IServiceCollection AddMParticleOutput(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IOutputType, MParticleOutputType>();
        return services;
    }

    /// <summary>The HTTP client name the host registers for <c>mparticle</c> outputs.</summary>
    public static string HttpClientName => MParticleOutputType.HttpClientName;
}
