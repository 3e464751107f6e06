using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Core.Delivery.Engine;
using Switchyard.Core.Storage;

namespace Switchyard.Tests.Delivery.OwnOutputType;

/// <summary>
/// An output type defined outside the engine, as a third party would: a name, a settings parser naming the field in
/// error, and a sender built from the host's services.
/// </summary>
internal sealed class RecorderOutputType(RecorderDestination destination) : IOutputType
{
    public string Name => "recorder";

    public OutputSettingsResult ParseSettings(string settingsJson)
    {
        using var json = JsonDocument.Parse(settingsJson);
        var retryFirst = 0;
        if (json.RootElement.TryGetProperty("retryFirst", out var retry))
        {
            if (retry.ValueKind != JsonValueKind.Number || !retry.TryGetInt32(out retryFirst) || retryFirst < 0)
            {
                return OutputSettingsResult.Invalid("retryFirst", "must be a whole number, 0 or more.");
            }
        }

        var reject = json.RootElement.TryGetProperty("reject", out var list)
            ? list.EnumerateArray().Select(e => e.GetString() ?? "").ToArray()
            : [];
        return OutputSettingsResult.Valid(new RecorderSettings(retryFirst, reject));
    }

    public IOutputSender CreateSender(OutputSetup setup) =>
        new RecorderSender(setup.OutputId, (RecorderSettings)setup.Settings, destination, setup.Services.GetRequiredService<IInboxStore>());
}
