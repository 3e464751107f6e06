using Microsoft.Extensions.Hosting;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.AudienceSync;

/// <summary>Runs audience sync (<see cref="AudienceSyncEngine"/>) for the life of the host.</summary>
internal sealed class AudienceSyncWorker(AudienceSyncEngine engine) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => engine.RunAsync(stoppingToken);
}
