using Microsoft.Extensions.Hosting;
using Switchyard.Core.Delivery.AudienceSync;

namespace Switchyard.AudienceSync;

/// <summary>Keeps the membership log within its retention (<see cref="MembershipLogRetention"/>) for the life of the host.</summary>
internal sealed class MembershipLogPruner(MembershipLogRetention retention) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => retention.RunAsync(stoppingToken);
}
