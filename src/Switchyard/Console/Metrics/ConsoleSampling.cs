using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchyard.Console.Audiences;

namespace Switchyard.Console.Metrics;

/// <summary>Takes the console's samples on a timer: the metrics every 2 s, audience sizes every 30 s.</summary>
internal sealed class ConsoleSampling(PipelineMetrics metrics, AudienceSizeHistory sizes, TimeProvider time, ILogger<ConsoleSampling> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private const int TicksPerSizeSample = 15;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var tick = 0;
        try
        {
            do
            {
                // The pages are a view: a store that fails a read costs one sample, never the service.
                try
                {
                    metrics.Sample();
                    if (tick++ % TicksPerSizeSample == 0)
                    {
                        await sizes.SampleAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.ConsoleSampleFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
