using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Braze.Client;
using Switchyard.Braze.Delivery;
using Switchyard.Braze.Engine;
using Switchyard.Braze.Settings;
using Switchyard.Core.Delivery;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Profiles;
using Switchyard.Core.Workspace;

namespace Switchyard.Braze.Outputs;

/// <summary>Output type <c>braze_audience</c>: audience membership as Braze attributes (docs/audience-sync.md).</summary>
internal sealed class BrazeAudienceOutputType : IOutputType
{
    public string Name => OutputTypes.BrazeAudience;

    public OutputSettingsResult ParseSettings(string settingsJson)
    {
        var parsed = BrazeAudienceSettings.Parse(settingsJson);
        return parsed.Settings is { } settings
            ? OutputSettingsResult.Valid(settings)
            : OutputSettingsResult.Invalid(parsed.Errors[0].Field, parsed.Errors[0].Message);
    }

    public IOutputSender CreateSender(OutputSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var settings = (BrazeAudienceSettings)setup.Settings;
        var services = setup.Services;
        var time = services.GetRequiredService<TimeProvider>();
        var links = services.GetRequiredService<IAudienceLinkSource>();
        var outputId = setup.OutputId;
        var delivery = new BrazeAudienceDelivery(
            outputId,
            settings,
            services.GetRequiredService<IDeliveryStore>(),
            services.GetRequiredService<IProfileStore>(),
            cancellationToken => links.OfAsync(outputId, cancellationToken),
            new BrazeTrackClient(setup.HttpClient(BrazeHttpClients.Name), settings.Connection, time),
            // Audience outputs share the rate gate of their REST key with the event outputs (one Braze limit per key).
            services.GetRequiredService<BrazeRateGates>(),
            time,
            setup.Options,
            services.GetRequiredService<BrazeDeliveryMetrics>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard.Delivery"));
        return delivery.Sender;
    }
}
