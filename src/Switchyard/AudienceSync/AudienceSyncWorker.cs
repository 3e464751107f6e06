using Microsoft.Extensions.Hosting;
using Switchyard.Core.Delivery.AudienceSync;
using Switchyard.Core.Partitions;

namespace Switchyard.AudienceSync;

/// <summary>
/// Runs audience sync (<see cref="AudienceSyncEngine"/>) for the life of the host; when several nodes share the store,
/// on the coordinating node only (<see cref="NodePartitions.IsCoordinator"/>).
/// </summary>
internal sealed class AudienceSyncWorker(AudienceSyncEngine engine, NodePartitions partitions, TimeProvider time) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        engine.RunAsync(() => partitions.IsCoordinator(time.GetUtcNow()), stoppingToken);
}
