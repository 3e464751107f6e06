using System.Diagnostics;
using Switchyard.Core.Ingest;

namespace Switchyard.Benchmarks.Load;

/// <summary>
/// The ceiling: how fast the same bodies are merely parsed and validated, on as many threads as the
/// machine has cores, with no HTTP and no storage.
/// </summary>
internal static class ParseBaseline
{
    public static double EventsPerSecond(PayloadFactory payloads, TimeSpan duration)
    {
        long events = 0;
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new Thread(() =>
        {
            var body = new byte[payloads.Template.Length];
            long counter = 0, local = 0;
            var options = new IngestParseOptions(TimeProvider.System.GetUtcNow());
            while (clock.Elapsed < duration)
            {
                payloads.Stamp(body, ref counter);
                var result = EventsApiParser.ParseBulk(body, options);
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException("The benchmark payload does not parse: " + result.Failure!.Errors[0].Message);
                }

                local += payloads.EventsPerRequest;
            }

            Interlocked.Add(ref events, local);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return events / clock.Elapsed.TotalSeconds;
    }
}
