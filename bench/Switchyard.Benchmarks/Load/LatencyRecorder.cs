namespace Switchyard.Benchmarks.Load;

/// <summary>Collects request latencies from many workers and reports percentiles.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<double> _milliseconds = new(100_000);

    public void Add(TimeSpan latency)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(latency.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            _milliseconds.Sort();
            var index = (int)Math.Ceiling(p / 100 * _milliseconds.Count) - 1;
            return _milliseconds[Math.Clamp(index, 0, _milliseconds.Count - 1)];
        }
    }
}
