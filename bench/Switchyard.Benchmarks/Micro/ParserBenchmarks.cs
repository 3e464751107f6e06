using BenchmarkDotNet.Attributes;
using Switchyard.Benchmarks.Load;
using Switchyard.Core.Ingest;

namespace Switchyard.Benchmarks.Micro;

/// <summary>Parsing and validating one bulk request of 100 batches (500 events).</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private byte[] _body = [];
    private IngestParseOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        var payloads = PayloadFactory.Create(100, 5, seed: 7);
        _body = new byte[payloads.Template.Length];
        long counter = 0;
        payloads.Stamp(_body, ref counter);
        _options = new IngestParseOptions(TimeProvider.System.GetUtcNow());
    }

    [Benchmark]
    public int ParseBulk() => EventsApiParser.ParseBulk(_body, _options).Batches.Count;
}
