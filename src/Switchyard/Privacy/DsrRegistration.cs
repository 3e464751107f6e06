using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Privacy;
using Switchyard.Hosting;

namespace Switchyard.Privacy;

/// <summary>The services of data subject requests, added to the host in one call (their stores come with the storage provider's).</summary>
internal static class DsrRegistration
{
    public static void Add(IServiceCollection services, ServeSettings settings)
    {
        var dsr = DsrSettings.From(settings.Workspace, settings.DsrPollInterval, settings.DsrSweepDelay);
        services.AddSingleton(dsr);
        services.AddSingleton(_ => DsrSigner.Open(settings.DataDirectory, dsr.ProcessorDomain));
        services.AddSingleton<DsrSignal>();
        services.AddSingleton<DsrService>();
    }
}
