using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Switchyard.Braze.Engine;

namespace Switchyard.Braze.Tests.Engine;

/// <summary>Sums what the delivery meter records for one output, by instrument name.</summary>
internal sealed class MetricsCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public MetricsCapture(string outputId)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BrazeDeliveryMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "output" && Equals(tag.Value, outputId))
                {
                    _sums.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
                    _counts.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1);
                }
            }
        }

        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.Start();
    }

    /// <summary>The sum of the measurements of an instrument (for a counter, its value).</summary>
    public double Sum(string name) => _sums.GetValueOrDefault(name);

    /// <summary>How many measurements an instrument recorded (for a histogram, its count).</summary>
    public int Count(string name) => _counts.GetValueOrDefault(name);

    /// <summary>The current value of an observable gauge for the output (its callbacks run now).</summary>
    public double Observe(string name)
    {
        _sums.TryRemove(name, out _);
        _listener.RecordObservableInstruments();
        return _sums.GetValueOrDefault(name);
    }

    public void Dispose() => _listener.Dispose();
}
