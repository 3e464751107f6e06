using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Profiles;
using Switchyard.Core.Storage;
using Switchyard.Core.Workspace;

namespace Switchyard.Braze.Outputs;

/// <summary>Output type <c>braze</c>: events, purchases and attributes to <c>/users/track</c> (docs/braze-client.md).</summary>
internal sealed class BrazeOutputType : IOutputType
{
    public string Name => OutputTypes.Braze;

    public OutputSettingsResult ParseSettings(string settingsJson)
    {
        var parsed = BrazeOutputSettings.Parse(settingsJson);
        return parsed.Settings is { } settings
            ? OutputSettingsResult.Valid(settings)
            : OutputSettingsResult.Invalid(parsed.Errors[0].Field, parsed.Errors[0].Message);
    }

    public IOutputSender CreateSender(OutputSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var settings = (BrazeOutputSettings)setup.Settings;
        var services = setup.Services;
        var time = services.GetRequiredService<TimeProvider>();
        var delivery = new BrazeDelivery(
            setup.OutputId,
            settings,
            services.GetRequiredService<IDeliveryStore>(),
            services.GetRequiredService<IInboxStore>(),
            services.GetRequiredService<IProfileStore>(),
            new BrazeTrackClient(setup.HttpClient(BrazeHttpClients.Name), settings, time),
            services.GetRequiredService<BrazeRateGates>(),
            time,
            setup.Options,
            services.GetRequiredService<BrazeDeliveryMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Delivery"));
        return delivery.Sender;
    }
}
