using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Core.Workspace;

namespace Switchyard.Core.Delivery.MParticle;

/// <summary>
/// Output type <c>mparticle</c>: each processed batch to an mParticle Events API endpoint, mParticle itself or another
/// Switchyard (docs/outputs.md). It lives in Core because it needs only <see cref="HttpClient"/> and the Events API
/// format Core already reads; no project of its own.
/// </summary>
internal sealed class MParticleOutputType : IOutputType
{
    /// <summary>The name of the client the host registers with its HTTP client factory (no redirects followed).</summary>
    public const string HttpClientName = "mparticle";

    /// <summary>Requests per second are counted over this window.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    public string Name => OutputTypes.MParticle;

    public OutputSettingsResult ParseSettings(string settingsJson) => MParticleSettingsReader.Parse(settingsJson);

    public IOutputSender CreateSender(OutputSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var settings = (MParticleSettings)setup.Settings;
        var services = setup.Services;
        // One budget per endpoint and key: outputs sending to the same receiver feed share it (the lowest limit applies).
        var gate = services.GetRequiredService<RateGates>().For(
            "mparticle:" + settings.BulkEventsUrl.AbsoluteUri + "\n" + settings.ApiKey, settings.RequestsPerSecond, Window);
        return new MParticleSender(
            settings,
            setup.HttpClient(HttpClientName),
            gate,
            services.GetRequiredService<IInboxStore>(),
            services.GetRequiredService<IProfileStore>(),
            services.GetRequiredService<TimeProvider>());
    }
}
