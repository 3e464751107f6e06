using Microsoft.Extensions.Hosting;

namespace Switchyard.Ingest;

/// <summary>Summarises credential refusals once a minute (<see cref="AuthRefusals"/>).</summary>
internal sealed class AuthRefusalSummaries(AuthRefusals refusals, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Window, time, stoppingToken).ConfigureAwait(false);
                refusals.Summarise(Window);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
