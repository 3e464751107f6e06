using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Switchyard.Sandbox.Faults;
using Switchyard.Sandbox.RateLimits;
using Switchyard.Sandbox.RequestLog;
using Switchyard.Sandbox.Segments;

namespace Switchyard.Sandbox.Control;

/// <summary>Registers the sandbox control pieces: segments, faults, rate limits and the request log.</summary>
public static class SandboxControlServiceCollectionExtensions
{
    /// <summary>
    /// Validates <paramref name="options"/> (an <see cref="ArgumentException"/> names any bad field) and registers the
    /// control state as singletons. Uses the registered <see cref="TimeProvider"/>, or <see cref="TimeProvider.System"/>.
    /// Segment members come from an <see cref="ISandboxUserDirectory"/> the host registers.
    /// </summary>
    public static IServiceCollection AddSandboxControl(this IServiceCollection services, SandboxControlOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = SandboxControlSettings.From(options ?? new SandboxControlOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(settings);
        services.AddSingleton(sp => new SegmentCatalog(settings.DataDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FaultSchedule>();
        services.AddSingleton<RateLimitLedger>();
        services.AddSingleton<RequestJournal>();
        services.AddSingleton<SandboxControlReset>();
        return services;
    }
}
